// Loaded with `async` from <head> on pages whose widget starts the engine straight away (the check and tool
// pages): the worker starts booting while the browser is still parsing and laying out the page. The widget,
// wired later by candor.mjs, gets this same engine (one module instance, one worker per document).
import { getEngine } from "./engine.mjs";

const engine = getEngine();

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
engine.ready.then(indexNow, indexNow);
