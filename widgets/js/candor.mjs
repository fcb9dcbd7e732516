// Entry point, loaded on every page. Wires each widget through Material's document$, so it works after
// instant navigation too. Pages without a widget never start the engine.
import { wireBias } from "./bias-widget.mjs";
import { wireCheck } from "./check-widget.mjs";
import { markDeferred, savesData } from "./connection.mjs";
import { wireCopy } from "./copy.mjs";
import { wireFolds } from "./fold.mjs";
import { getEngine } from "./engine.mjs";
import { wireQuiz } from "./quiz.mjs";

// Declared before subscribing: document$ replays synchronously on subscribe.
const wired = new WeakSet();

// On guidance pages a widget is embedded with data-candor-lazy: the engine (13 MB the first time) starts only
// when the reader starts using it, or straight away if this browser already holds answers for it (or kept aside).
function whenUsed(widget, start) {
  const id = widget.dataset.candorCheck || widget.dataset.candorTool;
  let saved = null;
  try {
    saved = localStorage.getItem(`candor:answers:${id}`) ?? localStorage.getItem(`candor:aside:${id}`);
  } catch {
    /* no storage: wait for use */
  }
  // A reader saving data gets the same on the check pages (connection.mjs); saved answers still start it at once.
  const economical = !("candorLazy" in widget.dataset) && savesData();
  if (!("candorLazy" in widget.dataset || economical) || saved !== null) return start();
  if (economical) markDeferred(widget);
  const events = ["focusin", "pointerdown", "keydown"];
  const go = () => {
    events.forEach((name) => widget.removeEventListener(name, go, true));
    start();
  };
  events.forEach((name) => widget.addEventListener(name, go, true));
}

function setup() {
  wireFolds();
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
}

if (window.document$) window.document$.subscribe(setup);
else setup();
