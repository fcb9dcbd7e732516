// Module worker: boots Pyodide once, installs the engine wheel, answers JSON requests through
// candor.bridge.handle. It holds no question text, weights or rules: those come in the check bundles.
const ASSETS = new URL("../", import.meta.url); // .../assets/candor/
const RUNTIME = new URL("../../pyodide/", import.meta.url);

let bridge = null;
let abortRuntime = () => {};

self.addEventListener("unhandledrejection", (event) => abortRuntime(event.reason));

const post = (message) => self.postMessage(message);
const progress = (stage) => post({ type: "progress", stage });

async function fetchOk(url, as = "json") {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname} answered ${response.status}`);
  return as === "json" ? response.json() : response.text();
}

async function boot() {
  progress("download");
  const manifest = await fetchOk(new URL("manifest.json", ASSETS));
  const { loadPyodide } = await import(new URL("pyodide.mjs", RUNTIME).href);
  progress("start");
  // When the runtime cannot be fetched, Emscripten aborts without rejecting loadPyodide: listen for it.
  const aborted = new Promise((_, reject) => {
    abortRuntime = reject;
  });
  const pyodide = await Promise.race([
    loadPyodide({
      indexURL: RUNTIME.href,
      stdout: () => {},
      stderr: (line) => {
        if (/^Aborted\(|both async and sync fetching of the wasm failed/.test(line)) abortRuntime(new Error(line));
      },
    }),
    aborted,
  ]);
  progress("checks");
  const wheel = new URL(`wheels/${manifest.wheel}`, ASSETS).href;
  const failures = [];
  await pyodide.loadPackage(wheel, { errorCallback: (m) => failures.push(m), messageCallback: () => {} });
  // loadPackage resolves even when it fails: check that the engine really loaded.
  if (!("candor" in pyodide.loadedPackages)) {
    throw new Error(`the engine package did not load${failures.length ? `: ${failures.join(" ")}` : ""}`);
  }
  bridge = pyodide.pyimport("candor.bridge");
  const info = JSON.parse(bridge.handle(JSON.stringify({ op: "info" })));
  return { manifest, info: info.result, pyodideVersion: pyodide.version };
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

async function loadBundle(kind, id, manifest) {
  const [section, op, noun] = BUNDLES[kind];
  const key = `${section}/${id}`;
  if (!loaded.has(key)) {
    const entry = (manifest[section] || {})[id];
    if (!entry) throw new Error(`this site has no ${noun} called ${id}`);
    loaded.set(
      key,
      fetchOk(new URL(entry.bundle, ASSETS), "text").then((text) => {
        const reply = JSON.parse(bridge.handle(`{"op":"${op}","bundle":${text}}`));
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
    const { manifest } = await ready;
    if (kind in BUNDLES) {
      post({ type: "reply", id, response: { ok: true, result: await loadBundle(kind, data.name, manifest) } });
    } else {
      post({ type: "reply", id, response: JSON.parse(bridge.handle(data.request)) });
    }
  } catch (error) {
    post({ type: "reply", id, response: { ok: false, error: { message: String(error && error.message ? error.message : error), field: "" } } });
  }
};
