// Keeping answers: autosave in localStorage, JSON export, share links and downloads.
// Everything here moves answers around as data; validating them is the engine's job (bridge op "read").
const MAX_FRAGMENT = 16 * 1024;
const SHARE_PREFIX = "#candor-share=";
const SHARE_VERSION = "c1.";

export const storageKey = (check) => `candor:answers:${check}`;

/**
 * How deep the brackets of JSON text nest (outside strings), counted without parsing. Text from outside is
 * measured before JSON.parse against the engine's own MAX_JSON_DEPTH, which the build writes into each
 * widget as data-candor-max-depth (the same check the engine makes before it parses).
 */
export function jsonDepth(text) {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "[" || c === "{") deepest = Math.max(deepest, ++depth);
    else if (c === "]" || c === "}") depth--;
  }
  return deepest;
}

/** JSON.parse for text from outside: null when it nests deeper than the widget's limit or does not parse. */
export function parseBounded(text, widget) {
  if (typeof text !== "string" || jsonDepth(text) > Number(widget.dataset.candorMaxDepth)) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * What this browser saved for a check, read but never changed here: {text, envelope} (envelope null when the
 * text is not an answers envelope), {text: null} when nothing is saved, {unavailable: true} without storage.
 */
export function loadSaved(check, widget) {
  let text = null;
  try {
    text = localStorage.getItem(storageKey(check));
  } catch {
    return { text: null, envelope: null, unavailable: true };
  }
  if (text === null) return { text: null, envelope: null };
  const envelope = parseBounded(text, widget);
  const ok = isObject(envelope) && isObject(envelope.answers) && Number.isInteger(envelope.version);
  return { text, envelope: ok ? envelope : null };
}

// ---- sets kept aside ---------------------------------------------------------------------------------
// Saved answers the page cannot use as they are (an older or newer version, damaged, not matching the
// questions) are moved to candor:aside:<id> before anything is saved over them, and stay there, unchanged,
// until the reader exports or discards them. Entries: {reason, version, kept_at, state, text}; state
// "waiting" means an older set the engine has not yet brought up to date.

export const asideKey = (id) => `candor:aside:${id}`;

export function readAside(id) {
  let raw = null;
  try {
    raw = localStorage.getItem(asideKey(id));
  } catch {
    return [];
  }
  if (raw === null) return [];
  let list = null;
  try {
    list = JSON.parse(raw);
  } catch {
    list = null;
  }
  const entries = Array.isArray(list) ? list.filter((e) => isObject(e) && typeof e.text === "string") : [];
  // The list itself damaged: what it held is kept as one entry rather than lost.
  return entries.length || Array.isArray(list) ? entries : [{ reason: "damaged", state: "kept", kept_at: null, text: raw }];
}

function writeAside(id, entries) {
  try {
    if (entries.length) localStorage.setItem(asideKey(id), JSON.stringify(entries));
    else localStorage.removeItem(asideKey(id));
    return true;
  } catch {
    return false;
  }
}

/** Keep `text` aside (once: the same text is not kept twice). False when storage refused it. */
export function putAside(id, text, reason, details = {}) {
  const entries = readAside(id);
  if (entries.some((e) => e.text === text)) return true;
  entries.push({ reason, state: reason === "older" ? "waiting" : "kept", kept_at: new Date().toISOString(), ...details, text });
  return writeAside(id, entries);
}

export function updateAside(id, text, change) {
  return writeAside(id, readAside(id).map((e) => (e.text === text ? { ...e, ...change } : e)));
}

export function discardAside(id, text) {
  return writeAside(id, readAside(id).filter((e) => e.text !== text));
}

/** Remove the main key of a check once its set is safely aside; false when storage refused. */
export function removeSaved(check) {
  try {
    localStorage.removeItem(storageKey(check));
    return true;
  } catch {
    return false;
  }
}

// `campaign`: the optional campaign details (campaign.mjs); left out when none are given.
const details = (campaign) => (campaign && Object.keys(campaign).length ? { campaign } : {});

export function envelope(check, version, answers, campaign) {
  return { questionnaire: check, version, saved_at: new Date().toISOString(), ...details(campaign), answers };
}

/** Save a check's answers; false when the browser refused (storage full or not allowed). */
export function save(check, version, answers, campaign) {
  try {
    if (Object.keys(answers).length || Object.keys(details(campaign)).length) localStorage.setItem(storageKey(check), JSON.stringify(envelope(check, version, answers, campaign)));
    else localStorage.removeItem(storageKey(check));
    return true;
  } catch {
    return false;
  }
}

export const STORAGE_FULL =
  "This browser's storage for this site is full, so your latest changes are not being saved here. Export them to keep a copy; saving resumes once there is room.";

export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement("a"), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const today = () => new Date().toISOString().slice(0, 10);

function toBase64Url(text) {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(data) {
  if (!/^[A-Za-z0-9_-]*$/.test(data)) throw new Error("it contains characters a share link never has");
  const binary = atob(data.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((data.length + 3) % 4));
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** A link to this page that carries the answers in its fragment (which browsers never send to a server). */
export function shareUrl(check, version, answers, campaign) {
  const payload = JSON.stringify({ questionnaire: check, version, ...details(campaign), answers });
  return `${location.origin}${location.pathname}${SHARE_PREFIX}${SHARE_VERSION}${toBase64Url(payload)}`;
}

/** Show a share link in the widget's box and try to copy it; resolves to the message to announce. */
export async function offerShareLink(widget, url) {
  const box = widget.querySelector("[data-candor-share]");
  const field = widget.querySelector("[data-candor-share-url]");
  box.hidden = false;
  field.value = url;
  field.select();
  try {
    await navigator.clipboard.writeText(url);
    return "The share link is copied. Anyone who opens it sees these answers; they stay in the link, never on a server.";
  } catch {
    return "Copy the share link from the box above. Anyone who opens it sees these answers.";
  }
}

/** The JSON text carried by the current URL's share fragment: {text} | {error} | null when there is none. */
export function sharedFromLocation() {
  const hash = location.hash;
  if (!hash.startsWith(SHARE_PREFIX)) return null;
  // Inside a frame, another page chose this link and can steer the reader's clicks: never apply it there.
  if (window.top !== window) return { framed: true, error: "This page is shown inside another page, so the answers in its link were not used. Open the link in a tab of its own to see them." };
  if (hash.length > MAX_FRAGMENT) return { error: `The share link is too long (${hash.length} characters); it cannot be a Candor link.` };
  const data = hash.slice(SHARE_PREFIX.length);
  if (!data.startsWith(SHARE_VERSION)) return { error: "The share link is in a format this version of Candor does not know." };
  try {
    return { text: fromBase64Url(data.slice(SHARE_VERSION.length)) };
  } catch (error) {
    return { error: `The share link is damaged or incomplete (${error.message || "it could not be decoded"}). Ask for it again.` };
  }
}

export function dropShareFragment() {
  history.replaceState(history.state, "", `${location.pathname}${location.search}`);
}
