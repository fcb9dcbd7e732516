// @ts-nocheck: not yet typed for TypeScript's checker (tsconfig.json says how to start)
// Module worker: boots Pyodide once, installs the engine wheel, answers JSON requests through
// candor.bridge.handle. It holds no question text, weights or rules: those come in the check bundles.
// The snapshot store is imported beside the runtime's files below, not before this module runs: a static import
// would hold every download back by one round trip.
const snapshotStore = import("./snapshot-store.mjs");
snapshotStore.catch(() => {});

// When this worker's code started running, on its own clock (performance.timeOrigin is when it was created):
// the benchmark's trace of page-to-ready (benchmarks/) reads these with the ready message.
const EVALUATED_MS = performance.now();

const ASSETS = new URL("../", import.meta.url); // .../assets/candor/
const RUNTIME = new URL("../../pyodide/", import.meta.url);

// ?boot=auto|snapshot|plain overrides the site's choice (manifest "boot", set at build time by CANDOR_BOOT).
const FORCED = new URL(self.location.href).searchParams.get("boot");

let bridge = null;
let abortRuntime = () => {};

// The page's Content Security Policy (a <meta> tag) does not reach this worker, so it refuses requests to any
// other origin itself: nothing the runtime or the engine does can send data off the site from here.
const ORIGIN = self.location.origin;
const refuse = (url) => new TypeError(`candor: the engine does not contact other sites (${url.origin})`);
const siteUrl = (input) => new URL(input instanceof Request ? input.url : String(input), self.location.href);
const siteFetch = self.fetch.bind(self);
self.fetch = (input, init) => {
  const url = siteUrl(input);
  return url.origin === ORIGIN ? siteFetch(input, init) : Promise.reject(refuse(url));
};
const open = XMLHttpRequest.prototype.open;
XMLHttpRequest.prototype.open = function (method, input, ...rest) {
  const url = siteUrl(input);
  if (url.origin !== ORIGIN) throw refuse(url);
  return open.call(this, method, input, ...rest);
};
for (const name of ["WebSocket", "EventSource", "WebTransport"]) {
  if (name in self) self[name] = function () { throw new TypeError(`candor: the engine does not open ${name} connections`); };
}

self.addEventListener("unhandledrejection", (event) => abortRuntime(event.reason));
// Pyodide's loader reports a failed wasm download with console.warn and then waits forever: treat it as fatal.
const warn = console.warn.bind(console);
console.warn = (...args) => {
  if (String(args[0]).startsWith("wasm instantiation failed")) abortRuntime(new Error("the Python runtime could not be downloaded"));
  warn(...args);
};

const post = (message) => self.postMessage(message);
let probeNote = null; // why a held snapshot was not found, for the benchmark and the tests
const progress = (stage) => post({ type: "progress", stage });

async function fetchOk(url, as = "json") {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname} answered ${response.status}`);
  return as === "json" ? response.json() : response.text();
}

// Started at once, in parallel, so no download waits for another: the manifest, the loader, the runtime's
// JavaScript (Pyodide imports the same URL later and gets this module instance) and the snapshot's unpacker.
const manifestReady = fetchOk(new URL("manifest.json", ASSETS));
manifestReady.catch(() => {});
const runtime = import(new URL("pyodide.mjs", RUNTIME).href);
import(new URL("pyodide.asm.mjs", RUNTIME).href).catch(() => {});
const snapshotFormat = import("./snapshot-format.mjs");
snapshotFormat.catch(() => {});

const isGzip = (bytes) => bytes.length > 1 && bytes[0] === 0x1f && bytes[1] === 0x8b;

/** Read a stream into one buffer of the size the manifest gives; a shorter or longer stream is an error. */
async function readExactly(stream, size) {
  const out = new Uint8Array(size);
  let filled = 0;
  const reader = stream.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    if (filled + chunk.value.length > size) throw new Error("the snapshot is larger than the manifest says");
    out.set(chunk.value, filled);
    filled += chunk.value.length;
  }
  if (filled !== size) throw new Error("the snapshot is truncated");
  return out;
}

/**
 * The snapshot's bytes: inflated here as they arrive (so inflating overlaps the download), whether or not
 * the host compressed the .bin on the wire (our own gzip layer is recognised by its first two bytes), then
 * unpacked from the sparse format (snapshot-format.mjs).
 */
async function snapshotBytes(response, size) {
  if (!response.ok) throw new Error(`snapshot answered ${response.status}`);
  const reader = response.body.getReader();
  let head = new Uint8Array(0);
  let ended = false;
  while (head.length < 2 && !ended) {
    const chunk = await reader.read();
    if (chunk.done) ended = true;
    else head = head.length ? new Uint8Array([...head, ...chunk.value]) : chunk.value;
  }
  const body = new ReadableStream({
    start(controller) {
      if (head.length) controller.enqueue(head);
      if (ended) controller.close();
    },
    async pull(controller) {
      const chunk = await reader.read();
      if (chunk.done) controller.close();
      else controller.enqueue(chunk.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  const packed = await readExactly(isGzip(head) ? body.pipeThrough(new DecompressionStream("gzip")) : body, size);
  return (await snapshotFormat).unpack(packed);
}

/**
 * Boot from the snapshot when this browser already holds it, or when the connection reports a lot of
 * bandwidth; otherwise boot plainly and keep it for the next visit. Resolves quickly to null or to
 * {bytes: a promise of the snapshot}, so that the runtime's own download and compile overlap with it.
 */
async function chooseSnapshot(manifest, mode) {
  if (!manifest.snapshot || mode === "plain") return null;
  const url = new URL(manifest.snapshot.file, ASSETS);
  const read = (response) => snapshotBytes(response, manifest.snapshot.inflated_bytes);
  if (mode === "snapshot") return { bytes: fetch(url).then(read) };
  const { held, note } = await (await snapshotStore).heldSnapshot(url, new URL(`manifest.json?never-cached=${Date.now()}`, ASSETS));
  probeNote = note;
  if (held) return { bytes: read(held), held: true };
  // The snapshot wins a first visit only on a fast link (measured: it loses at 10 Mbit/s, wins at 40).
  // Chromium reports at most 10 (it caps `downlink` against fingerprinting) and other browsers have no
  // `connection`, so today this never fires and a first visit boots plainly; a browser that reports a fast
  // link gets the snapshot at once.
  const link = self.navigator.connection;
  if (link && link.downlink >= 50 && !link.saveData) return { bytes: fetch(url).then(read) };
  return null;
}

async function startPython(loadPyodide, snapshot) {
  const aborted = new Promise((_, reject) => {
    abortRuntime = reject;
  });
  aborted.catch(() => {});
  const options = {
    indexURL: RUNTIME.href,
    stdout: () => {},
    stderr: (line) => {
      // When the runtime cannot be fetched, Emscripten aborts without rejecting loadPyodide.
      if (/^Aborted\(|both async and sync fetching of the wasm failed/.test(line)) abortRuntime(new Error(line));
    },
  };
  if (snapshot) options._loadSnapshot = snapshot;
  return Promise.race([loadPyodide(options), aborted]);
}

async function boot() {
  progress("download");
  const manifest = await manifestReady;
  const mode = FORCED || manifest.boot || "auto";
  const wanted = chooseSnapshot(manifest, mode).catch((error) => {
    console.info(`candor: snapshot unavailable (${error.message}); booting plainly`);
    return null;
  });
  const { loadPyodide } = await runtime;
  progress("start");
  const started = performance.now();
  let pyodide = null;
  let boot = "plain";
  let fallback = null; // why a snapshot boot was given up, for the benchmark and the tests
  const snapshot = await wanted;
  if (snapshot) {
    snapshot.bytes.catch(() => {}); // a failure is handled where loadPyodide awaits it
    try {
      pyodide = await startPython(loadPyodide, snapshot.bytes);
      bridge = pyodide.pyimport("candor.bridge");
      if (bridge.ENGINE_DIGEST !== manifest.engine_digest) throw new Error("the snapshot holds another engine build");
      boot = "snapshot";
    } catch (error) {
      fallback = String(error.message || error);
      console.info(`candor: snapshot boot failed (${fallback}); booting plainly`);
      pyodide = null;
      bridge = null;
      if (snapshot.held) snapshotStore.then((store) => store.forgetSnapshot()); // fetched afresh next time
    }
  }
  if (!pyodide) {
    pyodide = await startPython(loadPyodide, null);
    progress("checks");
    const wheel = new URL(`wheels/${manifest.wheel}`, ASSETS).href;
    const failures = [];
    await pyodide.loadPackage(wheel, { errorCallback: (m) => failures.push(m), messageCallback: () => {} });
    // loadPackage resolves even when it fails: check that the engine really loaded.
    if (!("candor" in pyodide.loadedPackages)) {
      throw new Error(`the engine package did not load${failures.length ? `: ${failures.join(" ")}` : ""}`);
    }
    bridge = pyodide.pyimport("candor.bridge");
  }
  progress("checks");
  const info = JSON.parse(bridge.handle(JSON.stringify({ op: "info" })));
  const bootMs = Math.round(performance.now() - started);
  console.info(`candor: engine ready (${boot} boot, ${bootMs} ms)`);
  if (boot === "plain" && manifest.snapshot && mode === "auto") {
    // Keep the snapshot so the next visit boots from it (low priority, after ready).
    setTimeout(() => snapshotStore.then((store) => store.keepSnapshot(new URL(manifest.snapshot.file, ASSETS))).catch(() => {}), 0);
  }
  const timing = { origin: performance.timeOrigin, evaluated_ms: EVALUATED_MS, python_ms: started, ready_ms: performance.now() };
  return { manifest, info: { ...info.result, boot, boot_ms: bootMs, boot_fallback: fallback || probeNote, timing }, pyodideVersion: pyodide.version };
}

const ready = boot().then(
  (info) => {
    post({ type: "ready", info });
    return info;
  },
  (error) => {
    post({ type: "failed", message: String(error && error.message ? error.message : error) });
    throw error;
  },
);

const loaded = new Map();

// Bundles are loaded once each: checks through the bridge's "load", quizzes and tools through their own ops.
const BUNDLES = {
  load: ["checks", "load", "check"],
  "load-quiz": ["quizzes", "quiz-load", "quiz"],
  "load-tool": ["tools", "tool-load", "tool"],
};

// A bundle is fetched as soon as a page asks for it, while the engine may still be booting; it is handed to
// the engine once that is ready.
function loadBundle(kind, id) {
  const [section, op, noun] = BUNDLES[kind];
  const key = `${section}/${id}`;
  if (!loaded.has(key)) {
    const text = manifestReady.then((manifest) => {
      const entry = (manifest[section] || {})[id];
      if (!entry) throw new Error(`this site has no ${noun} called ${id}`);
      return fetchOk(new URL(entry.bundle, ASSETS), "text");
    });
    loaded.set(
      key,
      Promise.all([text, ready]).then(([bundle]) => {
        const reply = JSON.parse(bridge.handle(`{"op":"${op}","bundle":${bundle}}`));
        if (!reply.ok) throw new Error(reply.error.message);
        return reply.result;
      }),
    );
  }
  return loaded.get(key);
}

self.onmessage = async ({ data }) => {
  const { id, kind } = data;
  try {
    if (kind in BUNDLES) {
      post({ type: "reply", id, response: { ok: true, result: await loadBundle(kind, data.name) } });
    } else {
      await ready;
      let reply;
      try {
        reply = bridge.handle(data.request);
      } catch (error) {
        // handle() answers every Python error itself: a throw here means the runtime failed fatally (Pyodide
        // then refuses every later call). Say so as an engine failure; the page keeps the answers.
        post({ type: "failed", message: "the Python runtime hit a fatal error" });
        throw error;
      }
      post({ type: "reply", id, response: JSON.parse(reply) });
    }
  } catch (error) {
    post({ type: "reply", id, response: { ok: false, error: { message: String(error && error.message ? error.message : error), field: "" } } });
  }
};
