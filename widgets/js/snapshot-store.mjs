// @ts-nocheck: not yet typed for TypeScript's checker (tsconfig.json says how to start)
// Where the engine worker keeps its memory snapshot between visits, and how it asks whether it has it.
//
// The worker boots from the snapshot (about 1.3 s) only when this browser already holds it; a first visit boots
// plainly and keeps it for next time (a 5.7 MB download before ready loses on a slow link). WebKit answers a
// fetch with `cache: "only-if-cached"` from the network when the file is not cached, so that probe cannot tell
// a first visit there. Cache Storage can, in all three engines, so the snapshot is kept there. Without Cache
// Storage (a page served over plain http from another host) the HTTP cache is asked, but only when this browser
// is seen to honour `only-if-cached` for a URL it cannot have cached.

const STORE = "candor-snapshot";

/** Resolves to {held: the snapshot's response or null, note: why not, when not}. */
export async function heldSnapshot(url, neverCached) {
  if (self.caches) {
    try {
      const store = await caches.open(STORE);
      const held = await store.match(url.href);
      return { held: held || null, note: held ? null : `not held (${(await store.keys()).length} kept)` };
    } catch (error) {
      return { held: null, note: `storage refused: ${error.message || error}` }; // e.g. some private windows
    }
  }
  const cachedOnly = (target) => fetch(target, { cache: "only-if-cached", mode: "same-origin" });
  try {
    await cachedOnly(neverCached);
    return { held: null, note: "this browser ignores only-if-cached" }; // it answered from the network
  } catch {
    /* honoured: ask for the snapshot the same way */
  }
  try {
    const cached = await cachedOnly(url);
    return { held: cached.ok ? cached : null, note: cached.ok ? null : "not in the HTTP cache" };
  } catch {
    return { held: null, note: "not in the HTTP cache" };
  }
}

/** After a plain boot: fetch the snapshot at low priority and keep it (only the current one) for next time. */
export async function keepSnapshot(url) {
  if (!self.caches) {
    await fetch(url, { priority: "low" }); // the HTTP cache keeps it
    return;
  }
  const store = await caches.open(STORE);
  for (const old of await store.keys()) if (old.url !== url.href) await store.delete(old);
  const response = await fetch(url, { priority: "low", cache: "no-store" }); // one copy, in the store
  if (response.ok) await store.put(url.href, response);
}

/** Drop a kept snapshot that failed to boot, so the next plain boot fetches it afresh. */
export function forgetSnapshot() {
  if (self.caches) caches.delete(STORE).catch(() => {});
}
