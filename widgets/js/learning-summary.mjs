// @ts-nocheck: not yet typed for TypeScript's checker (tsconfig.json says how to start)
// The learning progress summary (data-candor-learning-summary on the progress page): one row per module, filled
// in from this browser's storage, with print and clear, and the progress kept aside when it could not be read.
import { wireAside, asidePanel } from "./aside.mjs";
import { el } from "./dom.mjs";
import { NOTICES, progressFor } from "./learning-progress.mjs";
import { messenger } from "./messages.mjs";
import { ask, promptIn } from "./prompt.mjs";
import { formatDate } from "./quiz-feedback.mjs";

function rowState(entry) {
  if (entry?.completed_at) {
    return {
      state: "Completed",
      score: `${entry.score} of ${entry.total} (${Math.round((100 * entry.score) / entry.total)}%)`,
      date: el("time", { datetime: entry.completed_at }, formatDate(entry.completed_at)),
    };
  }
  if (entry?.score !== undefined) return { state: "In progress", score: `${entry.score} of ${entry.total} so far`, date: "–" };
  if (entry?.answers && Object.keys(entry.answers).length) return { state: "Started", score: "–", date: "–" };
  return { state: "Not taken yet", score: "–", date: "–" };
}

export function wireSummary(element) {
  const count = element.querySelector(".candor-learning-count");
  const asOf = element.querySelector(".candor-learning-asof");
  const actions = element.querySelector(".candor-learning-actions");
  const clear = element.querySelector("[data-candor-clear]");
  const rows = [...element.querySelectorAll("tr[data-module]")];
  const progress = progressFor(element);
  const say = messenger(element);
  let renderAside = () => {};

  function render(message) {
    const { data, notice } = progress.read();
    let done = 0;
    for (const row of rows) {
      const { state, score, date } = rowState(data.modules[row.dataset.module]);
      if (state === "Completed") done++;
      row.dataset.state = state.toLowerCase().replace(/ /g, "-");
      row.querySelector('[data-cell="status"]').textContent = state;
      row.querySelector('[data-cell="score"]').textContent = score;
      row.querySelector('[data-cell="date"]').replaceChildren(date);
    }
    count.textContent = `${done} of ${rows.length} modules completed.`;
    asOf.textContent = `Summary from this browser, ${formatDate(new Date().toISOString())}. Candor keeps no copy.`;
    if (message) say(message);
    else say(notice ? NOTICES[notice] : "Read from this browser's storage. Nothing is sent anywhere.", notice ? "warn" : "info");
    renderAside();
    element.dataset.candorState = "ready";
  }

  element.querySelector("[data-candor-print]").addEventListener("click", () => window.print());
  clear.addEventListener("click", async () => {
    const question = "Clear your saved answers and scores for every module from this browser? This cannot be undone.";
    const choice = await ask(promptIn(element, actions), question, [
      { id: "keep", label: "Keep my progress" },
      { id: "clear", label: "Clear it" },
    ]);
    if (choice !== "clear") return;
    progress.clearAll();
    render("Your progress is cleared from this browser.");
  });
  actions.hidden = false;
  render();
  renderAside = wireAside(element, asidePanel(element, count), { store: progress.store, id: "learning", what: "Answers and scores", current: null, say });
}
