// @ts-check
// What every widget (a check, the bias calculator, a knowledge check) sets up the same way: its messages, the
// engine's progress on the widget, the engine's start, its keep-and-share buttons and changes made in another
// tab. Each widget adds only what is its own (its form, its wording, what it saves).
import { messenger } from "./messages.mjs";

/**
 * The shell of `widget`: its messenger (messages.mjs) and its status line. `loading` marks it as waiting for
 * the engine (a knowledge check is not: it starts the engine only when the reader uses it).
 * @param {HTMLElement} widget
 * @param {{ loading?: boolean }} [options]
 */
export function shellOf(widget, { loading = true } = {}) {
  if (loading) widget.dataset.candorState = "loading";
  return { say: messenger(widget), status: /** @type {HTMLElement} */ (widget.querySelector('[role="status"]')) };
}

/**
 * Follow the engine's progress on `widget`: its stage (and, once ready, how it started) in data attributes,
 * `failed` when it fails (the widget is then marked failed), `waiting` at each stage before it is ready. Stops
 * following once the widget has left the page (Material's instant navigation). Returns the way to stop.
 * @param {HTMLElement} widget
 * @param {import("./engine.mjs").Engine} engine
 * @param {{ failed: (state: import("./engine.mjs").Failed) => void, waiting: (state: import("./engine.mjs").Starting) => void }} on
 * @returns {() => void}
 */
export function followEngine(widget, engine, { failed, waiting }) {
  /** @type {(() => void) | null} */
  let stop = null;
  let gone = false;
  stop = engine.subscribe((state) => {
    if (!widget.isConnected) {
      gone = true;
      if (stop) stop();
      return;
    }
    widget.dataset.candorStage = state.stage;
    if (state.stage === "ready" && engine.info) widget.dataset.candorBoot = engine.info.info.boot;
    if (state.failed) {
      widget.dataset.candorState = "failed";
      failed(state);
    } else if (state.stage !== "ready") waiting(state);
  });
  if (gone) stop();
  return stop;
}

/**
 * The result of a bridge reply, or an Error with the engine's message.
 * @template T
 * @param {import("./bridge-replies.mjs").Reply<T>} reply
 * @returns {T}
 */
export function resultOf(reply) {
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.result;
}

/**
 * Load what the widget needs into the engine, then run `ready` with the result; a failure to load (or in
 * `ready`) is the engine's failure, which every widget on the page then says, and `failed` runs after it.
 * @template T
 * @param {import("./engine.mjs").Engine} engine
 * @param {Promise<import("./bridge-replies.mjs").Reply<T>>} loading
 * @param {(result: T) => unknown} ready
 * @param {(error: unknown) => void} [failed]
 * @returns {Promise<void>}
 */
export function whenLoaded(engine, loading, ready, failed = () => {}) {
  return loading
    .then((reply) => ready(resultOf(reply)))
    .then(() => {})
    .catch((error) => {
      if (!engine.state.failed) engine.fail(String(error?.message || error));
      failed(error);
    });
}

/**
 * Wire the widget's keep-and-share buttons ([data-candor-action="name"] runs `actions.name`) and show them.
 * @param {HTMLElement} widget
 * @param {Record<string, () => unknown>} actions
 */
export function wireActions(widget, actions) {
  for (const button of widget.querySelectorAll("[data-candor-action]")) {
    const name = /** @type {HTMLElement} */ (button).dataset.candorAction ?? "";
    button.addEventListener("click", () => actions[name]());
  }
  /** @type {HTMLElement} */ (widget.querySelector(".candor-keep")).hidden = false;
}

/**
 * Run `changed(event)` when another tab or window changes what `widget` keeps under `key` (or clears all of
 * this site's storage), while the widget is on the page.
 * @param {HTMLElement} widget
 * @param {string} key
 * @param {(event: StorageEvent) => unknown} changed
 */
export function onOtherTab(widget, key, changed) {
  window.addEventListener("storage", (event) => {
    if (widget.isConnected && (event.key === null || event.key === key)) changed(event);
  });
}
