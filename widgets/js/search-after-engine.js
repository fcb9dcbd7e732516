// Material's search worker, started later on pages that boot the engine at once (the check and tool pages).
//
// On every full page load Material hands its search index to a worker that spends about a second of CPU
// building it. On a 2-core machine that second is taken from the engine's start-up (measured: about 15 % of
// page-to-ready). On those pages the build points Material's config at this file instead
// (widgets/sitebuild/search_defer.py), which holds Material's messages until the page says "index now" on the
// "candor-search" channel (engine-start.mjs: once the engine is ready or has failed, or as soon as the reader
// focuses the search box; this worker asks on start in case that has already happened), or after a few
// seconds at the latest. Then it loads Material's own worker, which
// handles the held messages as if they had just arrived. Nothing else changes: same worker, same index.
"use strict";

const LATEST_MS = 4000;
// Material's worker file name comes in this script's URL fragment (never sent to the server).
const workerFile = self.location.hash.slice(1);
const held = [];
let started = false;

function hold(event) {
  held.push(event.data);
}

function start() {
  if (started) return;
  started = true;
  channel.close();
  clearTimeout(timer);
  self.removeEventListener("message", hold);
  // Only Material's own worker file, from Material's folder; anything else in the fragment is refused.
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(workerFile)) throw new Error(`not a Material search worker: ${workerFile}`);
  const material = new URL(`../../javascripts/workers/${workerFile}`, self.location.href);
  // Material's worker finds its language files relative to its own URL: resolve them from there, not from here.
  const importScripts = self.importScripts.bind(self);
  self.importScripts = (...urls) => importScripts(...urls.map((url) => new URL(url, material).href));
  self.importScripts(material.href);
  for (const data of held.splice(0)) self.dispatchEvent(new MessageEvent("message", { data }));
}

self.addEventListener("message", hold);
const channel = new BroadcastChannel("candor-search");
channel.onmessage = ({ data }) => {
  if (data === "index now") start();
};
channel.postMessage("may I index?");
const timer = setTimeout(start, LATEST_MS);
