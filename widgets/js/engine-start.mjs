// Loaded with `async` from <head> on pages whose widget starts the engine straight away (the check and tool
// pages): the worker starts booting while the browser is still parsing and laying out the page. The widget,
// wired later by candor.mjs, gets this same engine (one module instance, one worker per document).
import { savesData } from "./connection.mjs";
import { getEngine } from "./engine.mjs";
import { indexSearchAfter } from "./search-start.mjs";

// A reader saving data (or on a slow or cellular link) starts it on first use instead (candor.mjs).
const engine = savesData() ? null : getEngine();

// On these pages Material's search index waits for the engine's start too (unless the reader searches first).
if (engine) indexSearchAfter(engine.ready);
