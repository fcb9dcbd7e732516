// The page's side of the engine: one module worker per document, started lazily, with staged progress.
const STAGES = {
  download: "Downloading the Python runtime (about 13 MB the first time)…",
  start: "Starting Python in your browser…",
  checks: "Loading the checks…",
  ready: "Ready. Results update as you answer.",
};
const BOOT_TIMEOUT_MS = 120000;

let engine = null;

class Engine {
  constructor() {
    this.listeners = new Set();
    this.pending = new Map();
    this.nextId = 1;
    this.state = { stage: "download", message: STAGES.download, failed: false };
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.ready.catch(() => {});
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
      this.fail("this browser cannot run WebAssembly in a worker");
      return;
    }
    try {
      const url = new URL("./engine-worker.mjs", import.meta.url);
      const forced = new URLSearchParams(location.search).get("candor-boot"); // tests and benchmarks only
      if (["auto", "snapshot", "plain"].includes(forced)) url.searchParams.set("boot", forced);
      this.worker = new Worker(url, { type: "module" });
    } catch (error) {
      this.fail(String(error.message || error));
      return;
    }
    this.timer = setTimeout(() => this.fail("it took too long to start"), BOOT_TIMEOUT_MS);
    this.worker.onmessage = ({ data }) => this.receive(data);
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.fail(event.message || "the engine could not be loaded");
    };
  }

  receive(data) {
    if (data.type === "progress") this.update(data.stage);
    else if (data.type === "ready") {
      clearTimeout(this.timer);
      this.info = data.info;
      this.update("ready");
      this.resolveReady(data.info);
    } else if (data.type === "failed") this.fail(data.message);
    else if (data.type === "reply") {
      const waiter = this.pending.get(data.id);
      this.pending.delete(data.id);
      if (waiter) waiter(data.response);
    }
  }

  update(stage) {
    this.state = { stage, message: STAGES[stage], failed: false };
    this.listeners.forEach((fn) => fn(this.state));
  }

  fail(reason) {
    if (this.state.failed) return;
    clearTimeout(this.timer);
    this.state = { stage: "failed", failed: true, reason, afterReady: this.state.stage === "ready" };
    this.listeners.forEach((fn) => fn(this.state));
    this.rejectReady(new Error(reason));
    this.pending.forEach((waiter) => waiter({ ok: false, error: { message: reason, field: "" } }));
    this.pending.clear();
    if (this.worker) this.worker.terminate();
  }

  subscribe(fn) {
    this.listeners.add(fn);
    fn(this.state);
    return () => this.listeners.delete(fn);
  }

  send(message) {
    if (this.state.failed) return Promise.resolve({ ok: false, error: { message: this.state.reason, field: "" } });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ ...message, id });
    });
  }

  // Bundle loads are sent at once, not after ready: the worker fetches the bundle while Python is still starting.

  /** Load a check's bundle into the engine (once). Resolves to {ok, result|error}. */
  load(check) {
    return this.send({ kind: "load", name: check });
  }

  /** Load a quiz's bundle into the engine (once). Resolves to {ok, result|error}. */
  loadQuiz(quiz) {
    return this.send({ kind: "load-quiz", name: quiz });
  }

  /** Load a calculator tool's bundle into the engine (once). Resolves to {ok, result|error}. */
  loadTool(tool) {
    return this.send({ kind: "load-tool", name: tool });
  }

  /** Send one bridge request (an object); resolves to the bridge's {ok, result|error} reply. */
  call(request) {
    return this.ready.then(() => this.send({ kind: "call", request: JSON.stringify(request) }));
  }
}

/** The document's engine, started on first use and reused across instant navigation. */
export function getEngine() {
  engine ??= new Engine();
  return engine;
}
