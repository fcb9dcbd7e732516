// @ts-check
// Entry point, loaded on every page. Wires each widget through Material's document$, so it works after
// instant navigation too. Pages without a widget never start the engine.
import { wireBias } from "./bias-widget.mjs";
import { wireCheck } from "./check-widget.mjs";
import { wireCopy } from "./copy.mjs";
import { wireFolds } from "./fold.mjs";
import { getEngine } from "./engine.mjs";
import { whenUsed } from "./lazy.mjs";
import { wireQuiz } from "./quiz.mjs";
import "./search-start.mjs"; // Material's search index, fetched and built only when wanted

// Declared before subscribing: document$ replays synchronously on subscribe.
const wired = new WeakSet();

/**
 * Wire each element that matches `selector` once (Material's instant navigation runs setup on every page).
 * @param {string} selector
 * @param {(element: HTMLElement) => void} wire
 */
function each(selector, wire) {
  for (const element of document.querySelectorAll(selector)) {
    if (!wired.has(element)) {
      wired.add(element);
      wire(/** @type {HTMLElement} */ (element));
    }
  }
}

function setup() {
  each("[data-candor-check]", (widget) => whenUsed(widget, () => wireCheck(widget, getEngine())));
  each("[data-candor-tool]", (tool) => whenUsed(tool, () => wireBias(tool, getEngine())));
  each("[data-candor-copy]", wireCopy);
  each("[data-candor-quiz]", (quiz) => wireQuiz(quiz, getEngine));
  wireFolds(); // last: the widgets never wait on the address's fragment
}

// Material for MkDocs' page observable (instant navigation), when the theme provides it.
const { document$ } = /** @type {{ document$?: { subscribe: (fn: () => void) => void } }} */ (/** @type {unknown} */ (window));
if (document$) document$.subscribe(setup);
else setup();
