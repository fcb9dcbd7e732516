// Knowledge checks (onboarding). wireQuiz(element, getEngine) is called once per [data-candor-quiz] element.
//
// A quiz element is the static form the build renders (widgets/sitebuild/learning.py): it works and prints
// without JavaScript. Here it gains scoring through the engine (op "quiz-score"), per-question feedback built
// with textContent only, a score announced in the aria-live status region, and progress kept in this
// browser. The progress summary (data-candor-learning-summary) is wired by the same entry point.
//
// Storage: ONE localStorage key, published by the build on the element (data-candor-saved-key), holding JSON
//   {modules: {<module id>: {answers: {<question id>: <option id>}, score, total, completed_at}}}
// score/total are the best responses and scenarios at the last check; completed_at (an ISO date) is set
// when that check had every scenario answered. Unreadable JSON starts fresh and says so. Nothing is sent
// anywhere: there is no account, no cookie and no request other than the engine's own files.
import { el } from "./dom.mjs";
import { onFirstUse } from "./lazy.mjs";
import { practiceLink, siteUrl } from "./links.mjs";
import { ask, promptIn } from "./prompt.mjs";
import { isObject } from "./store.mjs";
const PROGRESS_PAGE = "learn/progress/";

const NOTICES = {
  corrupt: "Your saved learning progress could not be read, so it has been reset: the knowledge checks start fresh.",
  partial: "Part of your saved learning progress could not be read and was left out.",
  unavailable: "This browser does not let the site save your progress, so your answers will not be kept after you leave the page.",
};


function formatDate(iso) {
  const date = new Date(iso);
  return date.toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" });
}

// ---- progress in localStorage ---------------------------------------------------------------------


function cleanEntry(entry) {
  if (!isObject(entry)) return null;
  const clean = {};
  if (entry.answers !== undefined) {
    if (!isObject(entry.answers) || !Object.values(entry.answers).every((v) => typeof v === "string")) return null;
    clean.answers = { ...entry.answers };
  }
  if (entry.score !== undefined || entry.total !== undefined) {
    const { score, total } = entry;
    if (!Number.isInteger(score) || !Number.isInteger(total) || total < 1 || score < 0 || score > total) return null;
    Object.assign(clean, { score, total });
  }
  if (entry.completed_at !== undefined) {
    if (typeof entry.completed_at !== "string" || Number.isNaN(Date.parse(entry.completed_at))) return null;
    clean.completed_at = entry.completed_at;
  }
  return clean;
}

/** The saved progress under `key` as {data, notice}; notice is null, "corrupt", "partial" or "unavailable". */
export function readProgress(key) {
  let text;
  try {
    text = window.localStorage.getItem(key);
  } catch {
    return { data: { modules: {} }, notice: "unavailable" };
  }
  if (text === null) return { data: { modules: {} }, notice: null };
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  if (!isObject(parsed) || !isObject(parsed.modules)) {
    const data = { modules: {} };
    writeProgress(key, data); // start fresh: the unreadable value is replaced
    return { data, notice: "corrupt" };
  }
  const data = { modules: {} };
  let dropped = false;
  for (const [id, entry] of Object.entries(parsed.modules)) {
    const clean = cleanEntry(entry);
    if (clean) data.modules[id] = clean;
    else dropped = true;
  }
  if (dropped) writeProgress(key, data);
  return { data, notice: dropped ? "partial" : null };
}

function writeProgress(key, data) {
  try {
    window.localStorage.setItem(key, JSON.stringify(data));
    return true;
  } catch {
    return false;
  }
}

/** Read, change one module's entry, write back (other modules, perhaps changed in another tab, are kept). */
function updateModule(key, id, change) {
  const { data } = readProgress(key);
  const entry = change({ ...(data.modules[id] || {}) });
  if (entry && Object.keys(entry).length) data.modules[id] = entry;
  else delete data.modules[id];
  return writeProgress(key, data);
}

function sameAnswers(a = {}, b = {}) {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

// ---- one quiz ------------------------------------------------------------------------------------

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
    el(
      "p",
      { class: "candor-quiz-explanation" },
      el("strong", {}, right ? "Your answer: " : "You chose: "),
      `“${question.chosen_label}” `,
      question.chosen_explanation,
      " See ",
      practiceLink(question.chosen_practice),
      ".",
    ),
  ];
  if (!right) {
    parts.push(
      el(
        "p",
        { class: "candor-quiz-explanation candor-quiz-explanation--best" },
        el("strong", {}, "Best response: "),
        `“${question.best_label}” `,
        question.best_explanation,
        " See ",
        practiceLink(question.practice),
        ".",
      ),
    );
  }
  return parts;
}

function scoreSentence(result) {
  const left = result.total - result.answered;
  const base = `Your score: ${result.correct} of ${result.total} best responses (${result.percent}%).`;
  return left ? `${base} ${left} scenario${left > 1 ? "s" : ""} not answered yet.` : base;
}

function wireOneQuiz(element, getEngine) {
  const quiz = element.dataset.candorQuiz;
  const key = element.dataset.candorSavedKey;
  const form = element.querySelector("form");
  const status = element.querySelector('[role="status"]');
  const progress = element.querySelector("[data-candor-progress]");
  const actions = element.querySelector(".candor-quiz-actions");
  const result = element.querySelector(".candor-quiz-result");
  const resultBody = element.querySelector(".candor-result-body");
  const clear = element.querySelector("[data-candor-quiz-clear]");
  const fieldsets = [...form.querySelectorAll("fieldset[data-question]")];
  const total = fieldsets.length;

  let engine = null;
  let loaded = null;
  let checked = false; // once answers are checked, every change re-scores
  let pending = false;
  let latest = 0;
  let updates = 0;
  let savedOk = true;

  const say = (text) => {
    if (element.isConnected) status.textContent = text;
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
    const answered = Object.keys(readAnswers()).length;
    progress.textContent = `${answered} of ${total} answered`;
  }

  function failed(reason) {
    pending = false;
    element.dataset.candorState = "failed";
    say(
      `The answer checker could not start (${reason}). You can still choose your answers, ` +
        "read the answer key below and print this page.",
    );
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

  function renderResult(r, completedAt) {
    for (const question of r.questions) {
      const fieldset = fieldsets.find((f) => f.dataset.question === question.question);
      if (!fieldset) continue;
      const box = fieldset.querySelector("[data-candor-feedback]");
      fieldset.dataset.result = !question.answered ? "unanswered" : question.correct ? "correct" : "incorrect";
      box.replaceChildren(...feedback(question));
      box.hidden = false;
    }
    const parts = [el("p", { class: "candor-quiz-score" }, el("strong", {}, `${r.correct} of ${r.total}`), ` best responses (${r.percent}%).`)];
    if (r.complete) {
      parts.push(
        el(
          "p",
          {},
          savedOk
            ? `Module completed on ${formatDate(completedAt || new Date().toISOString())} and saved in this browser. `
            : "Module completed. This browser does not let the site save it. ",
          el("a", { href: siteUrl(PROGRESS_PAGE) }, "See your progress"),
          ".",
        ),
      );
    } else {
      const left = r.total - r.answered;
      parts.push(el("p", {}, `Answer the ${left} remaining scenario${left > 1 ? "s" : ""} to complete this module.`));
    }
    resultBody.replaceChildren(...parts);
    result.hidden = false;
  }

  async function score(restoring = false) {
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
      else say(`Your answers could not be checked: ${reply.error.message}`);
      return;
    }
    const r = reply.result;
    let completedAt = null;
    savedOk = updateModule(key, quiz, (entry) => {
      const next = { ...entry, answers, score: r.correct, total: r.total };
      // A reload re-checks the same answers: keep the date they were first completed on.
      if (r.complete) next.completed_at = entry.completed_at && sameAnswers(entry.answers, answers) ? entry.completed_at : new Date().toISOString();
      else delete next.completed_at;
      completedAt = next.completed_at || null;
      return next;
    });
    renderResult(r, completedAt);
    say(restoring ? `Your earlier answers are restored. ${scoreSentence(r)}` : scoreSentence(r));
    element.dataset.candorState = "ready";
    element.dataset.candorUpdates = String(++updates);
  }

  function resetFeedback() {
    for (const fieldset of fieldsets) {
      delete fieldset.dataset.result;
      const box = fieldset.querySelector("[data-candor-feedback]");
      box.hidden = true;
      box.replaceChildren();
    }
    resultBody.replaceChildren();
    result.hidden = true;
  }

  form.addEventListener("change", () => {
    showProgress();
    if (checked) {
      score();
    } else {
      const answers = readAnswers();
      savedOk = updateModule(key, quiz, (entry) => ({ ...entry, answers }));
      start();
    }
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!Object.keys(readAnswers()).length) {
      say("Choose an answer to at least one scenario first.");
      return;
    }
    checked = true;
    score();
  });
  onFirstUse(form, start); // warm the engine up while they read
  clear.addEventListener("click", async () => {
    const choice = await ask(promptIn(element, clear.parentElement), "Clear your answers, score and completion date for this module from this browser? This cannot be undone.", [
      { id: "keep", label: "Keep my answers" },
      { id: "clear", label: "Clear them" },
    ]);
    if (choice !== "clear") return;
    form.reset();
    checked = false;
    latest++;
    pending = false;
    resetFeedback();
    showProgress();
    updateModule(key, quiz, () => null);
    say("Your answers and score for this module are cleared from this browser.");
  });

  // Restore what this browser saved: the answers, and the feedback if they had been checked.
  const { data, notice } = readProgress(key);
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
  if (notice) say(NOTICES[notice]);
  if (restored && saved.score !== undefined) {
    checked = true;
    score(true);
  } else if (restored && !notice) {
    say("Your earlier answers are restored. Select “Check my answers” when you are ready.");
  }
}

// ---- the completion summary ---------------------------------------------------------------------

function wireSummary(element) {
  const status = element.querySelector('[role="status"]');
  const count = element.querySelector(".candor-learning-count");
  const asOf = element.querySelector(".candor-learning-asof");
  const actions = element.querySelector(".candor-learning-actions");
  const rows = [...element.querySelectorAll("tr[data-module]")];
  const key = element.dataset.candorSavedKey;

  function render(message) {
    const { data, notice } = readProgress(key);
    let done = 0;
    for (const row of rows) {
      const entry = data.modules[row.dataset.module];
      const cell = (name) => row.querySelector(`[data-cell="${name}"]`);
      let state = "Not taken yet";
      let scoreText = "–";
      let date = "–";
      if (entry?.completed_at) {
        done++;
        state = "Completed";
        scoreText = `${entry.score} of ${entry.total} (${Math.round((100 * entry.score) / entry.total)}%)`;
        date = el("time", { datetime: entry.completed_at }, formatDate(entry.completed_at));
      } else if (entry?.score !== undefined) {
        state = "In progress";
        scoreText = `${entry.score} of ${entry.total} so far`;
      } else if (entry?.answers && Object.keys(entry.answers).length) {
        state = "Started";
      }
      row.dataset.state = state.toLowerCase().replace(/ /g, "-");
      cell("status").textContent = state;
      cell("score").textContent = scoreText;
      cell("date").replaceChildren(date);
    }
    count.textContent = `${done} of ${rows.length} modules completed.`;
    asOf.textContent = `Summary from this browser, ${formatDate(new Date().toISOString())}. Candor keeps no copy.`;
    status.textContent = message || (notice ? NOTICES[notice] : "Read from this browser's storage. Nothing is sent anywhere.");
    element.dataset.candorState = "ready";
  }

  element.querySelector("[data-candor-print]").addEventListener("click", () => window.print());
  element.querySelector("[data-candor-clear]").addEventListener("click", () => {
    if (!window.confirm("Clear your saved answers and scores for every module from this browser?")) return;
    try {
      window.localStorage.removeItem(key);
    } catch {
      // storage unavailable: nothing was saved
    }
    render("Your progress is cleared from this browser.");
  });
  actions.hidden = false;
  render();
}

/** Entry point (see candor.mjs): a knowledge check, or the completion summary. */
export function wireQuiz(element, getEngine) {
  if (element.hasAttribute("data-candor-learning-summary")) wireSummary(element);
  else if (element.dataset.candorQuiz) wireOneQuiz(element, getEngine);
}
