// @ts-check
// The page's side of the engine: one module worker per document, started lazily, with staged progress.
/** @typedef {import("./bridge-replies.mjs").BridgeError} BridgeError */
/**
 * @template T
 * @typedef {import("./bridge-replies.mjs").Reply<T>} Reply
 */
/** A stage on the way to ready, with what to say. @typedef {{ stage: string, message: string, failed: false }} Starting */
/** Failed, with why, and whether it had been ready. @typedef {{ stage: "failed", failed: true, reason: string, afterReady: boolean }} Failed */
/** Where the engine is. @typedef {Starting | Failed} EngineState */
/** @typedef {"download" | "start" | "checks" | "ready"} Stage */

/** @type {Record<Stage, string>} */
const STAGES = {
  download: "Downloading the Python runtime (about 13 MB the first time)…",
  start: "Starting Python in your browser…",
  checks: "Loading the checks…",
  ready: "Ready. Results update as you answer.",
};
const BOOT_TIMEOUT_MS = 120000;

/** @type {Engine | null} */
let engine = null;

export class Engine {
  constructor() {
    /** @type {Set<(state: EngineState) => void>} */
    this.listeners = new Set();
    /** @type {Map<number, (response: Reply<any>) => void>} */
    this.pending = new Map();
    this.nextId = 1;
    /** @type {EngineState} */
    this.state = { stage: "download", message: STAGES.download, failed: false };
    /** What the worker said once ready (how it started, the engine's digest). @type {{ info: { boot: string } } & Record<string, unknown> | undefined} */
    this.info = undefined;
    /** @type {Worker | undefined} */
    this.worker = undefined;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    /** @type {(info: unknown) => void} */
    this.resolveReady = () => {};
    /** @type {(error: Error) => void} */
    this.rejectReady = () => {};
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
      if (forced !== null && ["auto", "snapshot", "plain"].includes(forced)) url.searchParams.set("boot", forced);
      this.worker = new Worker(url, { type: "module" });
    } catch (error) {
      this.fail(String((error instanceof Error && error.message) || error));
      return;
    }
    this.timer = setTimeout(() => this.fail("it took too long to start"), BOOT_TIMEOUT_MS);
    this.worker.onmessage = ({ data }) => this.receive(data);
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.fail(event.message || "the engine could not be loaded");
    };
  }

  /** @param {{ type: string, stage?: Stage, info?: any, message?: string, id?: number, response?: Reply<any> }} data */
  receive(data) {
    if (data.type === "progress" && data.stage) this.update(data.stage);
    else if (data.type === "ready") {
      clearTimeout(this.timer);
      this.info = data.info;
      this.update("ready");
      this.resolveReady(data.info);
    } else if (data.type === "failed") this.fail(data.message ?? "the engine failed");
    else if (data.type === "reply" && data.id !== undefined && data.response) {
      const waiter = this.pending.get(data.id);
      this.pending.delete(data.id);
      if (waiter) waiter(data.response);
    }
  }

  /** @param {Stage} stage */
  update(stage) {
    this.state = { stage, message: STAGES[stage], failed: false };
    this.listeners.forEach((fn) => fn(this.state));
  }

  /** @param {string} reason */
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

  /**
   * Call `fn` with the state now and at every change; returns the way to stop.
   * @param {(state: EngineState) => void} fn
   * @returns {() => void}
   */
  subscribe(fn) {
    this.listeners.add(fn);
    fn(this.state);
    return () => {
      this.listeners.delete(fn);
    };
  }

  /**
   * @param {Record<string, unknown>} message
   * @returns {Promise<Reply<any>>}
   */
  send(message) {
    if (this.state.failed) return Promise.resolve({ ok: false, error: { message: this.state.reason, field: "" } });
    const id = this.nextId++;
    const worker = /** @type {Worker} */ (this.worker);
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage({ ...message, id });
    });
  }

  // Bundle loads are sent at once, not after ready: the worker fetches the bundle while Python is still starting.

  /** Load a check's bundle into the engine (once).
   *  @param {string} check @returns {Promise<Reply<import("./bridge-replies.mjs").Loaded>>} */
  load(check) {
    return this.send({ kind: "load", name: check });
  }

  /** Load a quiz's bundle into the engine (once).
   *  @param {string} quiz @returns {Promise<Reply<import("./bridge-replies.mjs").QuizLoaded>>} */
  loadQuiz(quiz) {
    return this.send({ kind: "load-quiz", name: quiz });
  }

  /** Load a calculator tool's bundle into the engine (once).
   *  @param {string} tool @returns {Promise<Reply<import("./bridge-replies.mjs").Loaded>>} */
  loadTool(tool) {
    return this.send({ kind: "load-tool", name: tool });
  }

  /**
   * Send one bridge request; resolves to the bridge's reply. The caller names the result's type (the op's
   * reply in bridge-replies.mjs).
   * @param {{ op: string } & Record<string, unknown>} request
   * @returns {Promise<Reply<any>>}
   */
  call(request) {
    return this.ready.then(() => this.send({ kind: "call", request: JSON.stringify(request) }));
  }
}

/** The document's engine, started on first use and reused across instant navigation. */
/** @returns {Engine} */
export function getEngine() {
  engine ??= new Engine();
  return engine;
}
