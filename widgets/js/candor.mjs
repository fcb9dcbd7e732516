// Entry point, loaded on every page. Wires each widget through Material's document$, so it works after
// instant navigation too. Pages without a widget never start the engine.
import { wireCheck } from "./check-widget.mjs";
import { getEngine } from "./engine.mjs";
import { wireQuiz } from "./quiz.mjs";

// Declared before subscribing: document$ replays synchronously on subscribe.
const wired = new WeakSet();

function setup() {
  for (const widget of document.querySelectorAll("[data-candor-check]")) {
    if (!wired.has(widget)) {
      wired.add(widget);
      wireCheck(widget, getEngine());
    }
  }
  for (const quiz of document.querySelectorAll("[data-candor-quiz]")) {
    if (!wired.has(quiz)) {
      wired.add(quiz);
      wireQuiz(quiz, getEngine);
    }
  }
}

if (window.document$) window.document$.subscribe(setup);
else setup();
