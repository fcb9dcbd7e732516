// Knowledge checks (onboarding). wireQuiz(element, getEngine) is called once per [data-candor-quiz] element.
//
// A quiz element is the static form the build renders (widgets/sitebuild/learning_pages.py): it works and prints
// without JavaScript. Here it gains scoring through the engine (op "quiz-score"), feedback under each scenario
// (quiz-feedback.mjs), a score announced in the aria-live status region, and progress kept in this browser
// (learning-progress.mjs). The progress summary (data-candor-learning-summary) is wired by the same entry point
// (learning-summary.mjs). Nothing is sent anywhere: no account, no cookie, no request but the engine's own files.
import { onFirstUse } from "./lazy.mjs";
import { NOTICES, progressFor } from "./learning-progress.mjs";
import { wireSummary } from "./learning-summary.mjs";
import { messenger } from "./messages.mjs";
import { ask, promptIn } from "./prompt.mjs";
import { clearFeedback, scoreParts, scoreSentence, showFeedback } from "./quiz-feedback.mjs";
import { orderOptions } from "./quiz-order.mjs";

function wireOneQuiz(element, getEngine) {
  orderOptions(element); // this learner's option order, before anything is restored or read
  const quiz = element.dataset.candorQuiz;
  const form = element.querySelector("form");
  const progressText = element.querySelector("[data-candor-progress]");
  const actions = element.querySelector(".candor-quiz-actions");
  const result = element.querySelector(".candor-quiz-result");
  const resultBody = element.querySelector(".candor-result-body");
  const clear = element.querySelector("[data-candor-quiz-clear]");
  const fieldsets = [...form.querySelectorAll("fieldset[data-question]")];
  const progress = progressFor(element);

  let engine = null;
  let loaded = null;
  let checked = false; // once answers are checked, every change re-scores
  let pending = false;
  let latest = 0;
  let updates = 0;

  const tell = messenger(element); // the status line under the introduction, a polite live region
  const say = (text, tone = "info") => {
    if (element.isConnected) tell(text, tone);
  };

  function readAnswers() {
    const answers = {};
    for (const fieldset of fieldsets) {
      const chosen = fieldset.querySelector("input:checked");
      if (chosen) answers[fieldset.dataset.question] = chosen.value;
    }
    return answers;
  }

  function showProgress() {
    progressText.textContent = `${Object.keys(readAnswers()).length} of ${fieldsets.length} answered`;
  }

  function failed(reason) {
    pending = false;
    element.dataset.candorState = "failed";
    say(`The answer checker could not start (${reason}). You can still choose your answers, read the answer key below and print this page.`, "error");
  }

  function start() {
    if (!engine) {
      engine = getEngine();
      let stop = null;
      stop = engine.subscribe((state) => {
        if (!element.isConnected) {
          if (stop) stop();
          return;
        }
        element.dataset.candorStage = state.stage;
        if (state.failed) failed(state.reason);
        else if (pending && state.stage !== "ready") say(`Checking your answers. ${state.message}`);
      });
      loaded = engine.loadQuiz(quiz).then((reply) => {
        if (!reply.ok) throw new Error(reply.error.message);
        return reply.result;
      });
      loaded.catch(() => {});
    }
    return loaded;
  }

  async function score(restoring = false, earlier = null) {
    const mine = ++latest;
    const answers = readAnswers();
    pending = true;
    if (!engine || engine.state.stage !== "ready") say("Checking your answers…");
    let reply;
    try {
      await start();
      reply = await engine.call({ op: "quiz-score", quiz, answers });
    } catch (error) {
      if (mine === latest) failed(String(error.message || error));
      return;
    }
    if (mine !== latest || !element.isConnected) return; // a newer change superseded this one
    pending = false;
    if (!reply.ok) {
      if (engine.state.failed) failed(engine.state.reason);
      else say(`Your answers could not be checked: ${reply.error.message}`, "error");
      return;
    }
    const r = reply.result;
    const { saved, notice, completedAt } = progress.saveScore(quiz, answers, r);
    showFeedback(fieldsets, r);
    resultBody.replaceChildren(...scoreParts(r, { completedAt, saved }));
    result.hidden = false;
    const sentence = restoring ? `Your earlier answers are restored. ${scoreSentence(r)}` : scoreSentence(r);
    const told = notice || earlier; // what the stored progress was like (read at restore, or changed since)
    say(told ? `${NOTICES[told]} ${sentence}` : sentence, told ? "warn" : "info");
    element.dataset.candorState = "ready";
    element.dataset.candorUpdates = String(++updates);
  }

  form.addEventListener("change", () => {
    showProgress();
    if (checked) return score();
    const { notice } = progress.saveAnswers(quiz, readAnswers());
    if (notice) say(NOTICES[notice], "warn");
    start();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!Object.keys(readAnswers()).length) return say("Choose an answer to at least one scenario first.");
    checked = true;
    score();
  });
  onFirstUse(form, start); // warm the engine up while they read
  clear.addEventListener("click", async () => {
    const question = "Clear your answers, score and completion date for this module from this browser? This cannot be undone.";
    const choice = await ask(promptIn(element, clear.parentElement), question, [
      { id: "keep", label: "Keep my answers" },
      { id: "clear", label: "Clear them" },
    ]);
    if (choice !== "clear") return;
    form.reset();
    checked = false;
    latest++;
    pending = false;
    clearFeedback(fieldsets);
    resultBody.replaceChildren();
    result.hidden = true;
    showProgress();
    progress.clearModule(quiz);
    say("Your answers and score for this module are cleared from this browser.");
  });

  // Restore what this browser saved: the answers, and the feedback if they had been checked.
  const { data, notice } = progress.read();
  const saved = data.modules[quiz];
  let restored = 0;
  for (const [question, option] of Object.entries(saved?.answers || {})) {
    const fieldset = fieldsets.find((f) => f.dataset.question === question);
    const input = fieldset && [...fieldset.querySelectorAll("input")].find((i) => i.value === option);
    if (input) {
      input.checked = true;
      restored++;
    }
  }
  actions.hidden = false;
  element.classList.add("candor-live");
  showProgress();
  if (notice) say(NOTICES[notice], "warn");
  if (restored && saved.score !== undefined) {
    checked = true;
    score(true, notice);
  } else if (restored && !notice) {
    say("Your earlier answers are restored. Select “Check my answers” when you are ready.");
  }
}

/** Entry point (see candor.mjs): a knowledge check, or the completion summary. */
export function wireQuiz(element, getEngine) {
  if (element.hasAttribute("data-candor-learning-summary")) wireSummary(element);
  else if (element.dataset.candorQuiz) wireOneQuiz(element, getEngine);
}
