// Entry point, loaded on every page. Wires each check widget through Material's document$, so it
// works after instant navigation too. Pages without a widget never start the engine.
import { getEngine } from "./engine.mjs";
import { applyVisibility, readAnswers, showProgress } from "./form.mjs";
import { renderMessage, renderResult } from "./render.mjs";

// Declared before subscribing: document$ replays synchronously on subscribe.
const wired = new WeakSet();

function statusText(state) {
  if (state.failed) {
    return `The live checker could not start (${state.reason}). The questions still work: you can read, answer and print them.`;
  }
  return state.message;
}

function wire(widget) {
  wired.add(widget);
  const check = widget.dataset.candorCheck;
  const form = widget.querySelector("form");
  const status = widget.querySelector('[role="status"]');
  const progress = widget.querySelector("[data-candor-progress]");
  const result = widget.querySelector(".candor-result");
  const body = widget.querySelector(".candor-result-body");
  const engine = getEngine();
  widget.dataset.candorState = "loading";

  const stop = engine.subscribe((state) => {
    if (!widget.isConnected) return;
    widget.dataset.candorStage = state.stage;
    if (state.stage !== "ready") status.textContent = statusText(state);
    if (state.failed) {
      widget.dataset.candorState = "failed";
      widget.classList.remove("candor-live");
    }
  });

  let latest = 0;
  let updates = 0;
  async function update() {
    const mine = ++latest;
    const reply = await engine.call({ op: "evaluate", check, answers: readAnswers(form) });
    if (mine !== latest || !widget.isConnected) return; // a newer change superseded this one
    result.hidden = false;
    if (!reply.ok) {
      renderMessage(body, `The answers could not be scored: ${reply.error.message}`, "error");
      return;
    }
    const r = reply.result;
    applyVisibility(form, r.visible);
    showProgress(progress, r.completeness);
    renderResult(body, r);
    status.textContent =
      r.verdict === null
        ? "Ready. The result appears as you answer."
        : `Result: ${r.verdict_label}${r.provisional ? " (provisional)" : ""}. ${r.completeness.answered} of ${r.completeness.visible} answered.`;
    if (widget.dataset.candorState !== "ready") widget.dataset.candorReadyAt = String(Math.round(performance.now()));
    widget.dataset.candorState = "ready";
    widget.dataset.candorUpdates = String(++updates);
  }

  engine
    .load(check)
    .then((reply) => {
      if (!reply.ok) throw new Error(reply.error.message);
      widget.classList.add("candor-live");
      form.addEventListener("change", update);
      return update();
    })
    .catch((error) => {
      if (!engine.state.failed) engine.fail(String(error.message || error));
      stop();
    });
}

function setup() {
  for (const widget of document.querySelectorAll("[data-candor-check]")) {
    if (!wired.has(widget)) wire(widget);
  }
}

if (window.document$) window.document$.subscribe(setup);
else setup();
