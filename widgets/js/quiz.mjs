// @ts-check
// Knowledge checks (onboarding). wireQuiz(element, getEngine) is called once per [data-candor-quiz] element.
//
// A quiz element is the static form the build renders (widgets/sitebuild/learning_pages.py): it works and prints
// without JavaScript. Here it gains scoring through the engine (op "quiz-score"), feedback under each scenario
// (quiz-feedback.mjs), a score announced in the aria-live status region, and progress kept in this browser
// (learning-progress.mjs). The progress summary (data-candor-learning-summary) is wired by the same entry point
// (learning-summary.mjs). Nothing is sent anywhere: no account, no cookie, no request but the engine's own files.
import { onFirstUse } from "./lazy.mjs";
import { NOTICES as NOTICE_TEXTS, progressFor, sameAnswers } from "./learning-progress.mjs";
import { wireSummary } from "./learning-summary.mjs";
import { ask, askUntilAnswered, promptIn } from "./prompt.mjs";
import { notSaved } from "./store.mjs";
import { clearFeedback, scoreParts, scoreSentence, showFeedback } from "./quiz-feedback.mjs";
import { orderOptions } from "./quiz-order.mjs";
import { followEngine, onOtherTab, resultOf, shellOf } from "./widget-shell.mjs";

/** What a reader is told about the stored progress, by notice. @type {Record<string, string>} */
const NOTICES = NOTICE_TEXTS;

/**
 * @param {HTMLElement} element a [data-candor-quiz] element, as the build rendered it (widgets/sitebuild/learning_pages.py)
 * @param {() => import("./engine.mjs").Engine} getEngine
 */
function wireOneQuiz(element, getEngine) {
  orderOptions(element); // this learner's option order, before anything is restored or read
  const quiz = element.dataset.candorQuiz ?? "";
  /** @type {<T extends Element = HTMLElement>(selector: string) => T} the quiz's own parts, which the build always renders */
  const part = (selector) => /** @type {any} */ (element.querySelector(selector));
  const form = /** @type {HTMLFormElement} */ (part("form"));
  const progressText = part("[data-candor-progress]");
  const actions = part(".candor-quiz-actions");
  const result = part(".candor-quiz-result");
  const resultBody = part(".candor-result-body");
  const clear = part("[data-candor-quiz-clear]");
  /** @type {HTMLFieldSetElement[]} */
  const fieldsets = [...form.querySelectorAll("fieldset[data-question]")].map((f) => /** @type {HTMLFieldSetElement} */ (f));
  const progress = progressFor(element);

  /** @type {import("./engine.mjs").Engine | null} */
  let engine = null;
  /** @type {Promise<import("./bridge-replies.mjs").QuizLoaded> | null} */
  let loaded = null;
  let checked = false; // once answers are checked, every change re-scores
  let pending = false;
  let latest = 0;
  let updates = 0;
  let paused = false; // while another tab's change waits for the reader's choice (the question says so)

  const { say } = shellOf(element, { loading: false }); // the engine starts when the reader uses the quiz
  const busy = element.querySelector("[data-candor-quiz-busy]");
  /** What the reader sees next to the button pressed while the checker starts. @param {string} text */
  const showBusy = (text) => {
    if (busy) busy.textContent = text;
  };

  /** The option chosen for each scenario answered. @returns {Record<string, string>} */
  function readAnswers() {
    /** @type {Record<string, string>} */
    const answers = {};
    for (const fieldset of fieldsets) {
      const chosen = fieldset.querySelector("input:checked");
      if (chosen instanceof HTMLInputElement) answers[fieldset.dataset.question ?? ""] = chosen.value;
    }
    return answers;
  }

  function showProgress() {
    progressText.textContent = `${Object.keys(readAnswers()).length} of ${fieldsets.length} answered`;
  }

  /** @param {string} reason */
  function failed(reason) {
    pending = false;
    showBusy("");
    element.dataset.candorState = "failed";
    say(`The answer checker could not start (${reason}). You can still choose your answers, read the answer key below and print this page.`, "error");
  }

  /** This module's entry in the stored progress (learning-progress.mjs), if any.
   *  @param {{ modules: object }} data @returns {{ answers?: Record<string, string>, score?: number } | undefined} */
  const entryOf = (data) => /** @type {Record<string, any>} */ (data.modules)[quiz];
  /** The engine once start() has run. */
  const started = () => /** @type {import("./engine.mjs").Engine} */ (engine);

  function start() {
    if (!engine) {
      engine = getEngine();
      followEngine(element, engine, {
        failed: (state) => failed(state.reason),
        waiting: (state) => pending && say(`Checking your answers. ${state.message}`),
      });
      loaded = engine.loadQuiz(quiz).then(resultOf);
      loaded.catch(() => {});
    }
    return loaded;
  }

  /** @param {boolean} [restoring] @param {string | null} [earlier] the stored progress's notice, read at restore */
  async function score(restoring = false, earlier = null) {
    const mine = ++latest;
    const answers = readAnswers();
    pending = true;
    if (!engine || engine.state.stage !== "ready") {
      say("Checking your answers…");
      showBusy("Checking your answers…");
    }
    /** @type {import("./bridge-replies.mjs").Reply<import("./bridge-replies.mjs").QuizResult>} */
    let reply;
    try {
      await start();
      reply = await started().call({ op: "quiz-score", quiz, answers });
    } catch (error) {
      if (mine === latest) failed(String((error instanceof Error && error.message) || error));
      return;
    }
    if (mine !== latest || !element.isConnected) return; // a newer change superseded this one
    pending = false;
    showBusy("");
    if (!reply.ok) {
      const { state } = started();
      if (state.failed) failed(state.reason);
      else say(`Your answers could not be checked: ${reply.error.message}`, "error");
      return;
    }
    const r = reply.result;
    /** @type {{ saved: boolean, notice: string | null, completedAt: any }} */
    const { saved, notice, completedAt } = paused ? { saved: false, notice: null, completedAt: null } : progress.saveScore(quiz, answers, r);
    /** @type {any} null when the save was not refused (store.mjs, not typed yet) */
    const refused = paused ? "paused" : progress.store.refused;
    showFeedback(fieldsets, r);
    resultBody.replaceChildren(...scoreParts(r, { completedAt, saved, refused }));
    result.hidden = false;
    const sentence = restoring ? `Your earlier answers are restored. ${scoreSentence(r)}` : scoreSentence(r);
    const told = notice || earlier; // what the stored progress was like (read at restore, or changed since)
    const unsaved = !saved && !told && !paused ? notSaved(refused, "answers") : ""; // a refused save is said, never silent
    say([told && NOTICES[told], unsaved, sentence].filter(Boolean).join(" "), told || unsaved ? "warn" : "info");
    element.dataset.candorState = "ready";
    element.dataset.candorUpdates = String(++updates);
  }

  /** Keep the answers chosen so far; whatever stops that is said. */
  function keepAnswers() {
    if (paused) return;
    const { notice, saved } = progress.saveAnswers(quiz, readAnswers());
    if (notice) say(NOTICES[notice], "warn");
    else if (!saved) say(notSaved(progress.store.refused, "answers"), "warn");
  }

  form.addEventListener("change", () => {
    showProgress();
    if (checked) return score();
    keepAnswers();
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
    reset();
    progress.clearModule(quiz);
    say("Your answers and score for this module are cleared from this browser.");
  });

  function reset() {
    form.reset();
    checked = false;
    latest++;
    pending = false;
    clearFeedback(fieldsets);
    resultBody.replaceChildren();
    result.hidden = true;
    showProgress();
  }

  /** Put a module's saved answers on the form; returns how many were placed. */
  /** @param {Record<string, unknown>} [answers] */
  function place(answers = {}) {
    let placed = 0;
    for (const fieldset of fieldsets) {
      const option = answers[fieldset.dataset.question ?? ""];
      for (const input of fieldset.querySelectorAll("input")) {
        input.checked = typeof option === "string" && input.value === option;
        if (input.checked) placed++;
      }
    }
    return placed;
  }

  // Another tab or window changed this module's answers: say so, and let the reader choose. Until they do,
  // nothing here is saved (the question says so); another question on the prompt does not make it go away.
  let tabChange = 0;
  onOtherTab(element, progress.store.savedKey, async () => {
    const theirs = entryOf(progress.read().data)?.answers || {};
    if (sameAnswers(theirs, readAnswers())) return; // nothing changed for this module
    const mine = ++tabChange;
    paused = true;
    const choice = await askUntilAnswered(
      promptIn(element, clear.parentElement),
      `Your answers to this knowledge check were just ${Object.keys(theirs).length ? "changed" : "cleared"} in another tab or window. ` +
        "Keep the answers on this page (they are saved again, replacing the other tab's), or load the other tab's answers here? " +
        "Until you choose, changes on this page are not saved.",
      [{ id: "mine", label: "Keep this page's answers" }, { id: "theirs", label: "Load the other tab's answers" }],
      () => mine !== tabChange, // a newer change in the other tab asks again
    );
    if (choice === null) return;
    paused = false;
    if (choice === "theirs") {
      const entry = entryOf(progress.read().data) || {};
      reset();
      place(entry.answers);
      showProgress();
      if (entry.score !== undefined && Object.keys(readAnswers()).length) {
        checked = true;
        score();
      }
      say("Loaded the answers from the other tab.");
    } else {
      if (checked) await score();
      else keepAnswers();
      say("Kept this page's answers and saved them again.");
    }
  });

  // Restore what this browser saved: the answers, and the feedback if they had been checked.
  const { data, notice } = progress.read();
  const saved = entryOf(data);
  const restored = place(saved?.answers);
  actions.hidden = false;
  element.classList.add("candor-live");
  showProgress();
  if (notice) say(NOTICES[notice], "warn");
  if (restored && saved?.score !== undefined) {
    checked = true;
    score(true, notice);
  } else if (restored && !notice) {
    say("Your earlier answers are restored. Select “Check my answers” when you are ready.");
  }
}

/** Entry point (see candor.mjs): a knowledge check, or the completion summary.
 *  @param {HTMLElement} element @param {() => import("./engine.mjs").Engine} getEngine */
export function wireQuiz(element, getEngine) {
  if (element.hasAttribute("data-candor-learning-summary")) wireSummary(element);
  else if (element.dataset.candorQuiz) wireOneQuiz(element, getEngine);
}
