// Loaded with `async` from <head> on pages whose widget starts the engine straight away (the check and tool
// pages): the worker starts booting while the browser is still parsing and laying out the page. The widget,
// wired later by candor.mjs, gets this same engine (one module instance, one worker per document).
import { savesData } from "./connection.mjs";
import { getEngine } from "./engine.mjs";

// A reader saving data (or on a slow or cellular link) starts it on first use instead (candor.mjs).
const engine = savesData() ? null : getEngine();

// On these pages Material's search index is built after the engine has started (search-after-engine.js), or
// as soon as the reader goes to the search box. A search worker that starts after that asks, and is told.
const channel = new BroadcastChannel("candor-search");
let indexed = false;
const indexNow = () => {
  indexed = true;
  channel.postMessage("index now");
  document.removeEventListener("focusin", onFocus);
};
const onFocus = (event) => {
  if (event.target.matches?.("[data-md-component=search-query]")) indexNow();
};
channel.onmessage = ({ data }) => {
  if (data === "may I index?" && indexed) channel.postMessage("index now");
};
document.addEventListener("focusin", onFocus);
if (engine) engine.ready.then(indexNow, indexNow);
else indexNow(); // no engine start to wait for: search builds its index now
