// @ts-check
// A widget's messages: one notice area at the top of the widget (data-candor-notice, a polite live region),
// one message at a time, always as text, never as markup (a message may quote what a reader supplied), and
// brought into view when it is out of sight.
import { el } from "./dom.mjs";

/** @typedef {"info" | "warn" | "error"} Tone */
/**
 * What a widget says: `say(text, tone, detail, { reveal })`, and `say.unlessShown(text, tone)`.
 * @typedef {((text: string, tone?: Tone, detail?: string, options?: { reveal?: boolean }) => void) & { unlessShown: (text: string, tone: Tone) => void }} Say
 */

export const GAP = 8; // pixels between the sticky header and what is brought into view

/** Scroll so that `node` is in view below the page's sticky header (Material's .md-header), if it is not.
 *  @param {Element} node */
export function reveal(node) {
  const header = document.querySelector(".md-header");
  const top = (header ? Math.max(0, header.getBoundingClientRect().bottom) : 0) + GAP;
  const box = node.getBoundingClientRect();
  if (box.top >= top && box.bottom <= window.innerHeight) return;
  window.scrollBy(0, box.top - top);
}

/**
 * say(text, tone, detail) for `widget`: tone is "info", "warn" or "error" (an error is also an alert);
 * `detail`, when given, is the technical part, shown on demand. An empty text clears the area. A warning or
 * an error is brought into view; so is any message when `{ reveal: true }` is passed as the fourth argument.
 * Nothing is said once the widget has left the page.
 * @param {Element} widget
 * @returns {Say}
 */
export function messenger(widget) {
  const notice = /** @type {HTMLElement} */ (widget.querySelector("[data-candor-notice]"));
  /** @type {(text: string, tone?: Tone, detail?: string, options?: { reveal?: boolean }) => void} */
  const said = (text, tone = "info", detail = "", { reveal: show = tone !== "info" } = {}) => {
    if (!widget.isConnected) return; // the reader has moved on (instant navigation): nothing to place or bring into view
    notice.replaceChildren();
    if (!text) return;
    /** @type {Record<string, string>} */
    const attrs = { class: `candor-message candor-message--${tone}` };
    if (tone === "error") attrs.role = "alert";
    const more = detail ? el("details", { class: "candor-message-detail" }, el("summary", {}, "Technical detail"), el("code", {}, detail)) : null;
    notice.append(el("div", attrs, el("p", {}, text), more));
    if (show) reveal(notice);
  };
  /** Say `text` unless it is what the area shows now (a state such as "not saved", said again once another
   *  message has taken its place, never repeated while it shows). */
  const unlessShown = (/** @type {string} */ text, /** @type {Tone} */ tone) => {
    if (!(notice.textContent ?? "").includes(text)) said(text, tone);
  };
  return Object.assign(said, { unlessShown });
}
