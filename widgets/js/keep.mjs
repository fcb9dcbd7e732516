// Keeping answers: autosave in localStorage, JSON export, share links and downloads.
// Everything here moves answers around as data; validating them is the engine's job (bridge op "read").
const MAX_FRAGMENT = 16 * 1024;
const SHARE_PREFIX = "#candor-share=";
const SHARE_VERSION = "c1.";

export const storageKey = (check) => `candor:answers:${check}`;

/** The saved envelope for a check: {envelope} or {notice} when what was stored could not be read. */
export function loadSaved(check) {
  let text = null;
  try {
    text = localStorage.getItem(storageKey(check));
  } catch {
    return { envelope: null, notice: "This browser does not allow saving, so answers will not be kept after you leave." };
  }
  if (text === null) return { envelope: null, notice: null };
  try {
    const envelope = JSON.parse(text);
    if (!envelope || typeof envelope !== "object" || typeof envelope.answers !== "object" || envelope.answers === null) {
      throw new Error("not an answers envelope");
    }
    return { envelope, text, notice: null };
  } catch {
    localStorage.removeItem(storageKey(check));
    return { envelope: null, notice: "Your saved answers in this browser were damaged and could not be read, so they were cleared." };
  }
}

export function envelope(check, version, answers) {
  return { questionnaire: check, version, saved_at: new Date().toISOString(), answers };
}

export function save(check, version, answers) {
  try {
    if (Object.keys(answers).length) localStorage.setItem(storageKey(check), JSON.stringify(envelope(check, version, answers)));
    else localStorage.removeItem(storageKey(check));
    return true;
  } catch {
    return false;
  }
}

export function clearSaved(check) {
  try {
    localStorage.removeItem(storageKey(check));
  } catch {
    /* nothing was stored */
  }
}

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
export function shareUrl(check, version, answers) {
  const payload = JSON.stringify({ questionnaire: check, version, answers });
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
