// A widget's messages: one notice area (data-candor-notice, a polite live region), one message at a time,
// always as text, never as markup (a message may quote what a reader supplied).
import { el } from "./dom.mjs";

/**
 * say(text, tone, detail) for `widget`: tone is "info", "warn" or "error" (an error is also an alert);
 * `detail`, when given, is technical text shown only on demand. An empty text clears the area.
 */
export function messenger(widget) {
  const notice = widget.querySelector("[data-candor-notice]");
  return (text, tone = "info", detail = "") => {
    notice.replaceChildren();
    if (!text) return;
    const attrs = { class: `candor-message candor-message--${tone}` };
    if (tone === "error") attrs.role = "alert";
    notice.append(el("p", attrs, text));
  };
}
