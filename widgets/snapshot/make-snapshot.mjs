// Build-time Pyodide memory snapshot of the engine (run by the site build; Node 20, no download).
// usage: node make-snapshot.mjs <pyodide dir> <engine wheel> <output .bin.gz>
// Boots Pyodide from the same pinned files the site serves, installs the same wheel, imports the bridge
// (which imports every engine module), and snapshots right away, before anything touches JS objects.
import { readFile, writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";
import path from "node:path";
import { pack } from "../js/snapshot-format.mjs";

/**
 * Zero the heap's free memory. The snapshot keeps only pages that are not all zeros (snapshot-format.mjs), but
 * memory that Python used during start-up and then freed still holds old bytes: about 4 MB, which every
 * browser would inflate and copy for nothing. Allocating every free block below the heap's current end,
 * zeroing it and freeing it again changes no live object (the same malloc/free any program does) and leaves
 * those pages empty. Blocks that would extend the heap are given back untouched.
 */
function zeroFreeMemory(module) {
  const { _malloc: malloc, _free: free, _sbrk: sbrk } = module;
  if (![malloc, free, sbrk].every((fn) => typeof fn === "function")) return; // another Pyodide build: skip
  const end = sbrk(0);
  const held = [];
  for (let block = 1 << 20; block >= 16; block >>= 1) {
    for (let at = malloc(block); at; at = malloc(block)) {
      if (at + block > end) {
        free(at);
        break;
      }
      module.HEAPU8.fill(0, at, at + block);
      held.push(at);
    }
  }
  held.reverse().forEach((at) => free(at));
}

const [pyodideDir, wheel, out] = process.argv.slice(2);
if (!out) {
  console.error("usage: node make-snapshot.mjs <pyodide dir> <engine wheel> <output .bin.gz>");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: path.resolve(pyodideDir) + path.sep, _makeSnapshot: true, stdout: () => {}, stderr: () => {} });
pyodide.unpackArchive(new Uint8Array(await readFile(wheel)), "wheel");
pyodide.runPython("import candor.bridge");
zeroFreeMemory(pyodide._module);
const snapshot = pyodide.makeMemorySnapshot();
const packed = pack(snapshot);
await writeFile(out, gzipSync(packed, { level: 6 }));
console.log(JSON.stringify({ snapshot_bytes: snapshot.length, packed_bytes: packed.length, gzip_bytes: (await readFile(out)).length }));
