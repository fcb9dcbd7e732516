// @ts-nocheck: not yet typed for TypeScript's checker (tsconfig.json says how to start)
// Learning progress in this browser, for the knowledge checks and the progress summary.
//
// ONE localStorage key, published by the build on each quiz and summary element (data-candor-saved-key), holds
//   {modules: {<module id>: {answers: {<question id>: <option id>}, score, total, completed_at}}}
// score/total are the best responses and scenarios at the last check; completed_at (an ISO date) is set when that
// check had every scenario answered. Stored progress that cannot be read, in whole or in part, is never replaced
// silently: the stored text is first kept aside unchanged (data-candor-aside-key; the progress summary offers
// it for export or discard), and only then is the readable part written back. When the browser refuses to keep
// it aside (storage full), nothing is written over it. Nothing is sent anywhere.
import { isObject, storeFor } from "./store.mjs";

// What a reader is told about the stored progress (null: nothing to say).
export const NOTICES = {
  corrupt:
    "Your saved learning progress could not be read, so the knowledge checks start fresh. What was saved is kept aside in this browser: export or discard it on the Your progress page.",
  partial:
    "Part of your saved learning progress could not be read and is left out. All of what was saved is kept aside in this browser: export or discard it on the Your progress page.",
  stuck:
    "Your saved learning progress could not be read, and this browser has no room to keep a copy aside, so it is left as it is and your answers here are not saved. Free some space for this site, then reload.",
  unavailable: "This browser does not let this site save your progress, so your answers will not be kept after you leave the page.",
};

const empty = () => ({ modules: {} });

function cleanEntry(entry) {
  if (!isObject(entry)) return null;
  const clean = {};
  if (entry.answers !== undefined) {
    if (!isObject(entry.answers) || !Object.values(entry.answers).every((v) => typeof v === "string")) return null;
    clean.answers = { ...entry.answers };
  }
  if (entry.score !== undefined || entry.total !== undefined) {
    const { score, total } = entry;
    if (!Number.isInteger(score) || !Number.isInteger(total) || total < 1 || score < 0 || score > total) return null;
    Object.assign(clean, { score, total });
  }
  if (entry.completed_at !== undefined) {
    if (typeof entry.completed_at !== "string" || Number.isNaN(Date.parse(entry.completed_at))) return null;
    clean.completed_at = entry.completed_at;
  }
  return clean;
}

/** Stored text as {data, damage}: damage is null, "corrupt" (nothing readable) or "partial" (modules left out). */
function parse(text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  if (!isObject(parsed) || !isObject(parsed.modules)) return { data: empty(), damage: "corrupt" };
  const data = empty();
  let dropped = false;
  for (const [id, entry] of Object.entries(parsed.modules)) {
    // "__proto__" cannot be a key of a plain object here: damaged like any entry the page cannot read.
    const clean = id === "__proto__" ? null : cleanEntry(entry);
    if (clean) data.modules[id] = clean;
    else dropped = true;
  }
  return { data, damage: dropped ? "partial" : null };
}

/** Whether two sets of a module's answers are the same. */
export function sameAnswers(a = {}, b = {}) {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** The progress kept under the keys published on `element`. */
export function progressFor(element) {
  const store = storeFor(element);

  /** {data, notice, writable}: notice is null or a key of NOTICES; writable is false when nothing may be saved. */
  function read() {
    const saved = store.load();
    if (saved.unavailable) return { data: empty(), notice: "unavailable", writable: false };
    if (saved.text === null) return { data: empty(), notice: null, writable: true };
    const { data, damage } = parse(saved.text);
    if (!damage) return { data, notice: null, writable: true };
    if (!store.putAside(saved.text, "damaged")) return { data, notice: "stuck", writable: false };
    store.save(data); // the original is safe aside: the readable part takes its place
    return { data, notice: damage, writable: true };
  }

  /** Read, change one module's entry, write back (other modules, perhaps changed in another tab, are kept). */
  function update(id, change) {
    const { data, notice, writable } = read();
    const entry = change({ ...(data.modules[id] || {}) });
    if (entry && Object.keys(entry).length) data.modules[id] = entry;
    else delete data.modules[id];
    return { saved: writable && store.save(data), notice, entry };
  }

  return {
    store,
    read,
    /** Keep the answers chosen so far (before they are checked). */
    saveAnswers: (id, answers) => update(id, (entry) => ({ ...entry, answers })),
    /** Keep checked answers and their score; a completed module keeps the date these answers first completed it. */
    saveScore(id, answers, result) {
      const outcome = update(id, (entry) => {
        const next = { ...entry, answers, score: result.correct, total: result.total };
        if (!result.complete) delete next.completed_at;
        else if (!(entry.completed_at && sameAnswers(entry.answers, answers))) next.completed_at = new Date().toISOString();
        return next;
      });
      return { ...outcome, completedAt: outcome.entry.completed_at || null };
    },
    /** Remove one module's answers, score and date. */
    clearModule: (id) => update(id, () => null),
    /** Remove every module's progress (what is kept aside stays until the reader discards it). */
    clearAll: () => store.remove(),
  };
}
