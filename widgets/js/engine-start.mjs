// Loaded with `async` from <head> on pages whose widget starts the engine straight away (the check and tool
// pages): the worker starts booting while the browser is still parsing and laying out the page. The widget,
// wired later by candor.mjs, gets this same engine (one module instance, one worker per document).
import { getEngine } from "./engine.mjs";

getEngine();
