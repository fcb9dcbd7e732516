// @ts-nocheck: not yet typed for TypeScript's checker (tsconfig.json says how to start)
// The order of a knowledge check's options, per learner: each learner sees the options of every scenario in an
// order of their own, and the same order each time they come back, so a review shows the page they answered.
// The page as built, printed or read without JavaScript keeps the authored order, and the answer key names
// options by their text, never by a letter or a place (tests/content/test_learning.py checks both).
//
// Why in the browser and not the engine: the order has to be set before the reader starts reading, and the
// engine loads only on first use. It decides nothing: scoring and feedback work on option ids, whatever the
// order, and the authored bank is itself kept free of position cues (the content tests).
//
// The seed is stored on purpose (principle 8): one random whole number, under the key the build publishes on
// each quiz (data-candor-order-key, from the engine's storage_keys.py), listed on the privacy and progress
// pages. It says nothing about the learner and holds no answers. If the browser keeps nothing, the options
// are still shuffled, only not in the same order next time (and no answers are kept then either).

const MAX_SEED = 0xffffffff;

/** FNV-1a: a 32-bit number from text, so each question gets its own order from the one seed. */
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small seeded generator of numbers in [0, 1). */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A copy of items in the order the seed gives (Fisher-Yates): the same seed, the same order. */
export function shuffled(items, seed) {
  const next = generator(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const freshSeed = () => crypto.getRandomValues(new Uint32Array(1))[0];

/** This learner's seed: the stored one, or a new one stored now. A stored value that is not a seed is replaced. */
function learnerSeed(key) {
  try {
    const kept = localStorage.getItem(key);
    if (kept !== null && /^\d{1,10}$/.test(kept) && Number(kept) <= MAX_SEED) return Number(kept);
    const seed = freshSeed();
    localStorage.setItem(key, String(seed));
    return seed;
  } catch {
    return freshSeed(); // storage refused: shuffled for this visit only
  }
}

/** Put each scenario's options of one quiz element in this learner's order (moves the labels, inputs inside). */
export function orderOptions(element) {
  const seed = learnerSeed(element.dataset.candorOrderKey);
  const quiz = element.dataset.candorQuiz;
  for (const fieldset of element.querySelectorAll("fieldset[data-question]")) {
    const box = fieldset.querySelector(".candor-options");
    const labels = [...box.querySelectorAll(":scope > .candor-option")];
    box.append(...shuffled(labels, hash(`${seed}:${quiz}:${fieldset.dataset.question}`)));
  }
}
