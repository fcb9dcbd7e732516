// @ts-check
// Lazy start: on guidance pages a widget is embedded with data-candor-lazy, and the engine (13 MB the first
// time) starts only when the reader starts using it, or straight away if this browser already holds data for it.
import { markDeferred, savesData } from "./connection.mjs";
import { hasShareFragment } from "./keep.mjs";

const FIRST_USE = ["focusin", "pointerdown", "keydown"];

/** Call `fn` once, the first time the reader focuses, points at or types in `element`.
 *  @param {Element} element @param {() => unknown} fn */
export function onFirstUse(element, fn) {
  const go = () => {
    FIRST_USE.forEach((name) => element.removeEventListener(name, go, true));
    fn();
  };
  FIRST_USE.forEach((name) => element.addEventListener(name, go, true));
}

/** Whether this browser holds saved or kept-aside data under the widget's published keys.
 *  @param {HTMLElement} widget */
function holdsData(widget) {
  try {
    return [widget.dataset.candorSavedKey, widget.dataset.candorAsideKey].some((key) => key && localStorage.getItem(key) !== null);
  } catch {
    return false; // no storage: wait for use
  }
}

/** Start a widget now, or on first use when it is lazy (or the reader saves data), holds nothing saved and
 *  the page was not opened from a share link (whose answers or message must show at once).
 *  @param {HTMLElement} widget @param {() => unknown} start */
export function whenUsed(widget, start) {
  // A reader saving data gets the same on the check pages (connection.mjs); saved answers still start it at once.
  const economical = !("candorLazy" in widget.dataset) && savesData();
  if (!("candorLazy" in widget.dataset || economical) || holdsData(widget) || hasShareFragment(widget)) return start();
  if (economical) markDeferred(widget);
  onFirstUse(widget, start);
}
