// @ts-check
// A check's live state: the answers scored through the engine (op "evaluate") on every change, the newest
// change winning, and the result placed as the engine worded it.
import { renderPrint } from "./campaign.mjs";
import { resultStatus } from "./check-wording.mjs";
import { applyVisibility, readAnswers, showProgress } from "./form.mjs";
import { renderMessage, renderResult } from "./render.mjs";
import { resultInView } from "./result-in-view.mjs";

/**
 * The scoring of one check widget. `update(answers)` scores the answers (read from the form by default) and
 * places the result; a reply that a newer change superseded is dropped. `live` turns true once the engine has
 * the check: from then on every change is scored.
 * @param {{ widget: HTMLElement, engine: import("./engine.mjs").Engine, check: string, form: HTMLFormElement, status: HTMLElement }} parts
 */
export function checkScoring({ widget, engine, check, form, status }) {
  const progress = /** @type {HTMLElement} */ (widget.querySelector("[data-candor-progress]"));
  const result = /** @type {HTMLElement} */ (widget.querySelector(".candor-result"));
  const body = /** @type {HTMLElement} */ (widget.querySelector(".candor-result-body"));
  const showInView = resultInView(widget, form);
  let latest = 0;
  let updates = 0;
  const scoring = {
    live: false,
    /** @param {import("./bridge-replies.mjs").Answers} [answers] */
    async update(answers = readAnswers(form)) {
      const mine = ++latest;
      /** @type {import("./bridge-replies.mjs").Reply<import("./bridge-replies.mjs").CheckResult>} */
      const reply = await engine.call({ op: "evaluate", check, answers, today: new Date().toLocaleDateString("en-CA") });
      if (mine !== latest || !widget.isConnected) return; // a newer change superseded this one
      result.hidden = false;
      if (!reply.ok) {
        renderMessage(body, `The answers could not be scored. ${reply.error.message}`, "error");
        showInView(null);
        return;
      }
      const r = reply.result;
      applyVisibility(form, r.visible);
      showProgress(progress, r.completeness);
      renderResult(body, r);
      renderPrint(widget, form, r);
      showInView(r);
      status.textContent = resultStatus(r);
      if (widget.dataset.candorState !== "ready") widget.dataset.candorReadyAt = String(Math.round(performance.now()));
      widget.dataset.candorState = "ready";
      widget.dataset.candorUpdates = String(++updates);
    },
  };
  return scoring;
}
