// Material's search worker, started only when search is wanted, on every page.
//
// Material fetches its search index on every full page load and hands it to a worker that spends about a second
// of CPU building it: 890 KB (234 KB gzipped) and a second taken from the page's start-up, and on the check pages
// from the engine's. The build (widgets/sitebuild/search_defer.py) points Material's config at this file and
// leaves Material an index with no pages; the full one is at FULL_INDEX. This worker holds Material's messages
// until the page says "index now" on the "candor-search" channel (widgets/js/search-start.mjs: the reader goes to
// the search box, or the page is idle and, on the check pages, the engine has started; this worker asks on start
// in case that has already happened), or after a few seconds at the latest. Then it fetches the full index, puts
// its pages into Material's setup message and loads Material's own worker, which handles the held messages as if
// they had just arrived. Nothing else changes: same worker, same index.
"use strict";

const LATEST_MS = 4000;
// The full index, from this file's folder (assets/candor/js/): search_defer.FULL_INDEX.
const FULL_INDEX = "../../../search/search_index.full.json";
const SETUP = 0; // Material's message type that carries the index
// Material's worker file name comes in this script's URL fragment (never sent to the server).
const workerFile = self.location.hash.slice(1);
const held = [];
let started = false;

function hold(event) {
  held.push(event.data);
}

async function fullDocs() {
  try {
    const response = await fetch(new URL(FULL_INDEX, self.location.href));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return (await response.json()).docs;
  } catch (error) {
    console.error(`Site search has no pages to search: ${FULL_INDEX} could not be read (${error}).`);
    return null;
  }
}

async function start() {
  if (started) return;
  started = true;
  channel.close();
  clearTimeout(timer);
  // Only Material's own worker file, from Material's folder; anything else in the fragment is refused.
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(workerFile)) throw new Error(`not a Material search worker: ${workerFile}`);
  const docs = await fullDocs();
  self.removeEventListener("message", hold);
  const material = new URL(`../../javascripts/workers/${workerFile}`, self.location.href);
  // Material's worker finds its language files relative to its own URL: resolve them from there, not from here.
  const importScripts = self.importScripts.bind(self);
  self.importScripts = (...urls) => importScripts(...urls.map((url) => new URL(url, material).href));
  self.importScripts(material.href);
  for (const data of held.splice(0)) {
    const message = data?.type === SETUP && docs ? { ...data, data: { ...data.data, docs } } : data;
    self.dispatchEvent(new MessageEvent("message", { data: message }));
  }
}

self.addEventListener("message", hold);
const channel = new BroadcastChannel("candor-search");
// A page that navigates away while this worker is still downloading cuts those downloads off (Firefox then rejects
// with NS_BINDING_ABORTED): nobody is left to search, so that is said as a warning, not left uncaught.
function begin() {
  start().catch((error) => console.warn(`Site search did not start: ${error.message || error}`));
}

channel.onmessage = ({ data }) => {
  if (data === "index now") begin();
};
channel.postMessage("may I index?");
const timer = setTimeout(begin, LATEST_MS);
