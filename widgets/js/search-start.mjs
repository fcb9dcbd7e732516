// @ts-nocheck: not yet typed for TypeScript's checker (tsconfig.json says how to start)
// The page's side of Material's deferred search (widgets/js/search-after-engine.js, the worker that holds Material's
// index until it is wanted). Imported by candor.mjs on every page, and by engine-start.mjs on the pages that start
// the engine at once. It says "index now" on the "candor-search" channel as soon as the reader goes to the search
// box, or else once the page is idle and whatever the index must wait for has settled (the engine's start, on the
// check pages: both compete for the same CPU). A search worker that starts after that asks, and is told.
const channel = new BroadcastChannel("candor-search");
const waits = [];
let indexed = false;

/** Hold the idle-time index until `promise` settles (the reader's search does not wait). */
export function indexSearchAfter(promise) {
  waits.push(promise);
}

function indexNow() {
  if (indexed) return;
  indexed = true;
  channel.postMessage("index now");
  document.removeEventListener("focusin", onFocus);
}

function onFocus(event) {
  if (event.target.matches?.("[data-md-component=search-query]")) indexNow();
}

function idle() {
  return new Promise((resolve) => {
    const later = () => ("requestIdleCallback" in self ? requestIdleCallback(resolve, { timeout: 2000 }) : setTimeout(resolve, 500));
    if (document.readyState === "complete") later();
    else addEventListener("load", later, { once: true });
  });
}

channel.onmessage = ({ data }) => {
  if (data === "may I index?" && indexed) channel.postMessage("index now");
};
document.addEventListener("focusin", onFocus);
idle()
  .then(() => Promise.allSettled(waits))
  .then(indexNow);
