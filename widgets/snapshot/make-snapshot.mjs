// Build-time Pyodide memory snapshot of the engine (run by the site build; Node 20, no download).
// usage: node make-snapshot.mjs <pyodide dir> <engine wheel> <output .bin.gz>
// Boots Pyodide from the same pinned files the site serves, installs the same wheel, imports the bridge
// (which imports every engine module), and snapshots right away, before anything touches JS objects.
import { readFile, writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";
import path from "node:path";
import { pack } from "../js/snapshot-format.mjs";

const [pyodideDir, wheel, out] = process.argv.slice(2);
if (!out) {
  console.error("usage: node make-snapshot.mjs <pyodide dir> <engine wheel> <output .bin.gz>");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: path.resolve(pyodideDir) + path.sep, _makeSnapshot: true, stdout: () => {}, stderr: () => {} });
pyodide.unpackArchive(new Uint8Array(await readFile(wheel)), "wheel");
pyodide.runPython("import candor.bridge");
const snapshot = pyodide.makeMemorySnapshot();
const packed = pack(snapshot);
await writeFile(out, gzipSync(packed, { level: 6 }));
console.log(JSON.stringify({ snapshot_bytes: snapshot.length, packed_bytes: packed.length, gzip_bytes: (await readFile(out)).length }));
