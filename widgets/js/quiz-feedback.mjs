// @ts-nocheck: not yet typed for TypeScript's checker (tsconfig.json says how to start)
// What a knowledge check shows once answers are checked: feedback under each scenario and the score, built from
// the engine's result (op "quiz-score") with text nodes only. Words and a symbol say right or wrong, not colour.
import { el } from "./dom.mjs";
import { practiceLink, siteUrl } from "./links.mjs";

const PROGRESS_PAGE = "learn/progress/";

export function formatDate(iso) {
  return new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" });
}

const scenarios = (n) => `${n} scenario${n > 1 ? "s" : ""}`;

function explanation(lead, label, text, practice, extra = "") {
  return el(
    "p",
    { class: `candor-quiz-explanation${extra}` },
    el("strong", {}, lead),
    `“${label}” `,
    text,
    " See ",
    practiceLink(practice),
    ".",
  );
}

function feedback(question) {
  if (!question.answered) {
    return [el("p", { class: "candor-quiz-verdict candor-quiz-verdict--none" }, "Not answered yet.")];
  }
  const right = question.correct;
  const parts = [
    el(
      "p",
      { class: `candor-quiz-verdict candor-quiz-verdict--${right ? "right" : "wrong"}` },
      el("span", { class: "candor-quiz-icon", "aria-hidden": "true" }, right ? "✓" : "✕"),
      " ",
      el("strong", {}, right ? "Best response." : "Not the best response."),
    ),
    explanation(right ? "Your answer: " : "You chose: ", question.chosen_label, question.chosen_explanation, question.chosen_practice),
  ];
  if (!right) {
    parts.push(explanation("Best response: ", question.best_label, question.best_explanation, question.practice, " candor-quiz-explanation--best"));
  }
  return parts;
}

/** The sentence announced after a check: the score, and how many scenarios are left. */
export function scoreSentence(result) {
  const left = result.total - result.answered;
  const base = `Your score: ${result.correct} of ${result.total} best responses (${result.percent}%).`;
  return left ? `${base} ${scenarios(left)} not answered yet.` : base;
}

/** Feedback under every scenario of `result`, in the quiz's fieldsets. */
export function showFeedback(fieldsets, result) {
  for (const question of result.questions) {
    const fieldset = fieldsets.find((f) => f.dataset.question === question.question);
    if (!fieldset) continue;
    const box = fieldset.querySelector("[data-candor-feedback]");
    fieldset.dataset.result = !question.answered ? "unanswered" : question.correct ? "correct" : "incorrect";
    box.replaceChildren(...feedback(question));
    box.hidden = false;
  }
}

export function clearFeedback(fieldsets) {
  for (const fieldset of fieldsets) {
    delete fieldset.dataset.result;
    const box = fieldset.querySelector("[data-candor-feedback]");
    box.hidden = true;
    box.replaceChildren();
  }
}

/** The score panel's content: the score, then completion (with its date when saved) or what is left. */
export function scoreParts(result, { completedAt, saved, refused = "blocked" }) {
  const parts = [
    el("p", { class: "candor-quiz-score" }, el("strong", {}, `${result.correct} of ${result.total}`), ` best responses (${result.percent}%).`),
  ];
  if (result.complete) {
    const done = saved
      ? `Module completed on ${formatDate(completedAt || new Date().toISOString())} and saved in this browser. `
      : refused === "full"
        ? "Module completed. This browser's storage for this site is full, so it is not saved. "
        : refused === "paused"
          ? "Module completed. It is saved once you choose whose answers to keep. "
          : "Module completed. This browser does not let this site save it. ";
    parts.push(el("p", {}, done, el("a", { href: siteUrl(PROGRESS_PAGE) }, "See your progress"), "."));
  } else {
    const left = result.total - result.answered;
    parts.push(el("p", {}, `Answer the ${left} remaining scenario${left > 1 ? "s" : ""} to complete this module.`));
  }
  return parts;
}
