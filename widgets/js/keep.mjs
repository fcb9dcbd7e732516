// @ts-check
// Keeping answers outside the page: export (downloads), import (files) and share links. Saving in this browser
// is store.mjs. Everything here moves answers around as data; validating them is the engine's job (op "read").

/** @typedef {import("./bridge-replies.mjs").Answers} Answers */
/** @typedef {Record<string, string>} Campaign */

/** The share-link format the build publishes on the widget (the engine's candor/intake/share_link.py): the
 *  fragment's prefix, the encoding's version, and how long a fragment may be.
 *  @param {HTMLElement} widget */
function shareFormat(widget) {
  const { candorSharePrefix: prefix = "", candorShareVersion: version = "", candorMaxFragment: most } = widget.dataset;
  return { prefix, version, most: Number(most) };
}

/** The envelope a check's answers travel in: saved, exported and shared alike. `campaign`: the optional
 *  campaign details (campaign.mjs); left out when none are given.
 *  @param {string} check @param {number} version @param {Answers} answers @param {Campaign} [campaign] */
export function envelope(check, version, answers, campaign) {
  return { questionnaire: check, version, saved_at: new Date().toISOString(), ...details(campaign), answers };
}

/** Whether there is anything to keep: answers or campaign details.
 *  @param {Answers} answers @param {Campaign} [campaign] */
export const hasContent = (answers, campaign) => Object.keys(answers).length > 0 || Object.keys(details(campaign)).length > 0;

/** @param {Campaign} [campaign] @returns {{ campaign?: Campaign }} */
const details = (campaign) => (campaign && Object.keys(campaign).length ? { campaign } : {});

/** Download `text` as a file. @param {string} filename @param {string} text @param {string} type */
export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement("a"), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const today = () => new Date().toISOString().slice(0, 10);

/**
 * The text of a file a reader chose, read as the engine reads bytes: refused before reading when larger than
 * `maxBytes` (the engine's limit, published on the widget), and strict UTF-8 (file.text() would turn bad bytes
 * into U+FFFD). Resolves to {text} or {error}.
 * @param {File} file
 * @param {number} maxBytes
 * @returns {Promise<{ text: string, error?: undefined } | { error: string, text?: undefined }>}
 */
export async function readTextFile(file, maxBytes) {
  if (file.size > maxBytes) {
    return { error: `The file “${file.name}” is ${(file.size / 1048576).toFixed(1)} MB; a Candor answers file is at most ${maxBytes / 1024} KB, so it was not read.` };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer()) };
  } catch {
    return { error: `The file “${file.name}” is not UTF-8 text, so it is not a Candor answers file (those are JSON or YAML files saved as UTF-8).` };
  }
}

/** @param {string} text */
function toBase64Url(text) {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** @param {string} data */
function fromBase64Url(data) {
  if (!/^[A-Za-z0-9_-]*$/.test(data)) throw new Error("it contains characters a share link never has");
  const binary = atob(data.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((data.length + 3) % 4));
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** A link to this page that carries the answers in its fragment (which browsers never send to a server).
 *  @param {HTMLElement} widget @param {string} check @param {number} version @param {Record<string, unknown>} answers
 *  @param {Campaign} [campaign] */
export function shareUrl(widget, check, version, answers, campaign) {
  const payload = JSON.stringify({ questionnaire: check, version, ...details(campaign), answers });
  const format = shareFormat(widget);
  return `${location.origin}${location.pathname}${format.prefix}${format.version}${toBase64Url(payload)}`;
}

/** Show a share link in the widget's box and try to copy it; resolves to the message to announce.
 *  @param {HTMLElement} widget @param {string} url */
export async function offerShareLink(widget, url) {
  const box = /** @type {HTMLElement} */ (widget.querySelector("[data-candor-share]"));
  const field = /** @type {HTMLInputElement} */ (widget.querySelector("[data-candor-share-url]"));
  box.hidden = false;
  field.value = url;
  field.select();
  try {
    await navigator.clipboard.writeText(url);
    return "The share link is copied (it is also in the box by the “Copy share link” button). Anyone who opens it sees these answers; they stay in the link, never on a server.";
  } catch {
    return "Copy the share link from the box by the “Copy share link” button. Anyone who opens it sees these answers.";
  }
}

/** Whether the current URL carries answers in a share fragment (in the format `widget` publishes).
 *  @param {HTMLElement} widget */
export const hasShareFragment = (widget) => {
  const { prefix } = shareFormat(widget);
  return prefix !== "" && location.hash.startsWith(prefix);
};

/**
 * The JSON text carried by the current URL's share fragment: {text} | {error, detail} | null when there is
 * none. An error says what happened and what to do; `detail` is the technical part, shown on demand.
 * @param {HTMLElement} widget
 * @returns {{ text: string, error?: undefined, detail?: undefined } | { error: string, detail?: string, framed?: boolean, text?: undefined } | null}
 */
export function sharedFromLocation(widget) {
  const hash = location.hash;
  if (!hasShareFragment(widget)) return null;
  const { prefix, version, most } = shareFormat(widget);
  // Inside a frame, another page chose this link and can steer the reader's clicks: never apply it there.
  if (window.top !== window) return { framed: true, error: "This page is shown inside another page, so the answers in its link were not used. Open the link in a tab of its own to see them." };
  if (hash.length > most) {
    return { error: "This share link is far longer than a Candor link can be, so its answers were not used. Ask the sender for the link again.", detail: `The link's fragment has ${hash.length} characters; at most ${most} are read.` };
  }
  const data = hash.slice(prefix.length);
  if (!data.startsWith(version)) {
    return { error: "This share link was made in a form this copy of Candor does not know, so its answers were not used. Ask the sender to copy the link again from this site.", detail: "The fragment does not start with a known format." };
  }
  try {
    return { text: fromBase64Url(data.slice(version.length)) };
  } catch (error) {
    return { error: "This share link is damaged or incomplete (perhaps cut short when it was copied), so its answers were not used. Ask the sender for the link again.", detail: String((error instanceof Error && error.message) || error) };
  }
}

export function dropShareFragment() {
  history.replaceState(history.state, "", `${location.pathname}${location.search}`);
}
