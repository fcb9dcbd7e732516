// @ts-check
// Mobile and metered connections: the check and tool pages normally start the engine (about 13 MB the first
// time) as soon as they open. A reader who asked to save data, or whose connection is cellular or slow, gets
// it on their first use of a widget instead, and is told why before they start.

const SLOW = ["slow-2g", "2g", "3g"];

/** Whether to wait for the reader before downloading the engine. Only Chromium-based browsers report a
 *  connection (Network Information API); elsewhere this is false and pages behave as before. */
export function savesData() {
  /** @type {{ saveData?: boolean, effectiveType?: string, type?: string } | undefined} */
  const link = /** @type {any} */ (navigator).connection; // not in every browser, nor in TypeScript's DOM types
  if (link && (link.saveData || SLOW.includes(link.effectiveType ?? "") || link.type === "cellular")) return true;
  return matchMedia("(prefers-reduced-data: reduce)").matches;
}

export const WAITING =
  "To save data, the checker (about 13 MB the first time) starts when you answer the first question. " +
  "Your answers never leave this device.";

/** Say on an eager widget that it will start on first use (the page's usual progress follows then).
 *  @param {HTMLElement} widget */
export function markDeferred(widget) {
  widget.dataset.candorDeferred = "save-data";
  const status = widget.querySelector(".candor-status");
  if (status) status.textContent = WAITING;
}
