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

function setup() {
  for (const widget of document.querySelectorAll("[data-candor-check]")) {
    if (!wired.has(widget)) {
      wired.add(widget);
      whenUsed(widget, () => wireCheck(widget, getEngine()));
    }
  }
  for (const tool of document.querySelectorAll("[data-candor-tool]")) {
    if (!wired.has(tool)) {
      wired.add(tool);
      whenUsed(tool, () => wireBias(tool, getEngine()));
    }
  }
  for (const button of document.querySelectorAll("[data-candor-copy]")) {
    if (!wired.has(button)) {
      wired.add(button);
      wireCopy(button);
    }
  }
  for (const quiz of document.querySelectorAll("[data-candor-quiz]")) {
    if (!wired.has(quiz)) {
      wired.add(quiz);
      wireQuiz(quiz, getEngine);
    }
  }
  wireFolds(); // last: the widgets never wait on the address's fragment
}

if (window.document$) window.document$.subscribe(setup);
else setup();
