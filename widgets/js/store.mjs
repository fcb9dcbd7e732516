// @ts-nocheck: not yet typed for TypeScript's checker (tsconfig.json says how to start)
// A widget's data in this browser (localStorage), under the keys the build publishes on the widget
// (data-candor-saved-key and data-candor-aside-key, from the engine's storage_keys.py): no key is written here.
// Everything here moves text around; validating answers is the engine's job (bridge op "read").

/** What is said when a save was refused: `reason` is the store's `refused` ("full" or "blocked"), `what` names
 *  what was not saved ("changes", "counts", "answers"). */
export function notSaved(reason, what = "changes") {
  return reason === "blocked"
    ? `This browser does not let this site save, so your latest ${what} are not saved here and will be lost when you leave. Export them to keep a copy.`
    : `This browser's storage for this site is full, so your latest ${what} are not being saved here. Export them to keep a copy; saving resumes once there is room.`;
}

/** Why storage refused: "full" when it has no room, "blocked" when the browser does not let the site use it. */
const refusal = (error) =>
  error instanceof DOMException && (error.name === "QuotaExceededError" || error.name === "NS_ERROR_DOM_QUOTA_REACHED" || error.code === 22) ? "full" : "blocked";

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

export const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);


/**
 * The storage of one widget. Saved sets the page cannot use as they are (an older or newer version, damaged,
 * not matching the questions) are moved aside before anything is saved over them, and stay there, unchanged,
 * until the reader exports or discards them. Aside entries: {reason, version, kept_at, state, text}; state
 * "waiting" means an older set the engine has not yet brought up to date.
 */
export function storeFor(widget) {
  const { candorSavedKey: savedKey, candorAsideKey: asideKey } = widget.dataset;
  /** Run a write; false (and `store.refused` says why) when storage refused it. */
  const attempt = (fn) => {
    try {
      fn();
      store.refused = null;
      return true;
    } catch (error) {
      store.refused = refusal(error);
      return false;
    }
  };
  const writeAside = (entries) =>
    attempt(() => (entries.length ? localStorage.setItem(asideKey, JSON.stringify(entries)) : localStorage.removeItem(asideKey)));
  const store = {
    savedKey,
    asideKey,
    /** Why the last write was refused ("full" or "blocked"), null when it was not. */
    refused: null,
    /** What is saved, read but never changed: {text, envelope} (envelope null when the text is not an answers
     *  envelope), {text: null} when nothing is saved, {unavailable: true} without storage. */
    load() {
      let text;
      try {
        text = localStorage.getItem(savedKey);
      } catch {
        return { text: null, envelope: null, unavailable: true };
      }
      if (text === null) return { text: null, envelope: null };
      const envelope = parseBounded(text, widget);
      const ok = isObject(envelope) && isObject(envelope.answers) && Number.isInteger(envelope.version);
      return { text, envelope: ok ? envelope : null };
    },
    /** Save `data` (an object, as JSON), or remove the saved data when it is null; false when refused. */
    save: (data) => attempt(() => (data === null ? localStorage.removeItem(savedKey) : localStorage.setItem(savedKey, JSON.stringify(data)))),
    remove: () => store.save(null),
    readAside() {
      let raw;
      try {
        raw = localStorage.getItem(asideKey);
      } catch {
        return [];
      }
      if (raw === null) return [];
      let list;
      try {
        list = JSON.parse(raw);
      } catch {
        list = null;
      }
      const entries = Array.isArray(list) ? list.filter((e) => isObject(e) && typeof e.text === "string") : [];
      // The list itself damaged: what it held is kept as one entry rather than lost.
      return entries.length || Array.isArray(list) ? entries : [{ reason: "damaged", state: "kept", kept_at: null, text: raw }];
    },
    /** Keep `text` aside (once: the same text is not kept twice). False when storage refused it. */
    putAside(text, reason, details = {}) {
      const entries = store.readAside();
      if (entries.some((e) => e.text === text)) return true;
      entries.push({ reason, state: reason === "older" ? "waiting" : "kept", kept_at: new Date().toISOString(), ...details, text });
      return writeAside(entries);
    },
    updateAside: (text, change) => writeAside(store.readAside().map((e) => (e.text === text ? { ...e, ...change } : e))),
    discardAside: (text) => writeAside(store.readAside().filter((e) => e.text !== text)),
  };
  return store;
}
