// @ts-nocheck: not yet typed for TypeScript's checker (tsconfig.json says how to start)
// The engine snapshot's file format, shared by the build (widgets/snapshot/make-snapshot.mjs, in Node) and the
// engine's worker. A Pyodide memory snapshot is a copy of the whole WebAssembly heap, and about half of its
// 4 KiB pages are zeros: storing only the other pages halves what the browser has to inflate on every boot.
//
//   bytes 0-3   "CSP1" (Candor sparse pages, version 1)
//   bytes 4-7   length of the Pyodide snapshot, unsigned little-endian
//   bytes 8-11  page size, unsigned little-endian
//   then        one bit per page (least significant bit first): 1 = the page is stored, 0 = it is all zeros
//   then        the stored pages in order (the last page may be shorter than the page size)
//
// The file on the site is this, gzip-compressed.
const MAGIC = [0x43, 0x53, 0x50, 0x31]; // "CSP1"
const HEADER = 12;
const PAGE = 4096;

/** Pack a snapshot (Uint8Array) into the sparse format. */
export function pack(snapshot) {
  const pages = Math.ceil(snapshot.length / PAGE);
  const bitmap = new Uint8Array(Math.ceil(pages / 8));
  const kept = [];
  for (let i = 0; i < pages; i++) {
    const page = snapshot.subarray(i * PAGE, Math.min(snapshot.length, (i + 1) * PAGE));
    if (page.some((byte) => byte !== 0)) {
      bitmap[i >> 3] |= 1 << (i & 7);
      kept.push(page);
    }
  }
  const out = new Uint8Array(HEADER + bitmap.length + kept.reduce((n, page) => n + page.length, 0));
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(4, snapshot.length, true);
  view.setUint32(8, PAGE, true);
  out.set(bitmap, HEADER);
  let at = HEADER + bitmap.length;
  for (const page of kept) {
    out.set(page, at);
    at += page.length;
  }
  return out;
}

/** Unpack the sparse format back into the Pyodide snapshot; anything malformed throws. */
export function unpack(packed) {
  if (packed.length < HEADER || MAGIC.some((byte, i) => packed[i] !== byte)) throw new Error("this is not a Candor snapshot file");
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const size = view.getUint32(4, true);
  const pageSize = view.getUint32(8, true);
  if (pageSize === 0) throw new Error("the snapshot file has no page size");
  const pages = Math.ceil(size / pageSize);
  const bitmap = packed.subarray(HEADER, HEADER + Math.ceil(pages / 8));
  const out = new Uint8Array(size);
  let at = HEADER + bitmap.length;
  for (let i = 0; i < pages; i++) {
    if (!(bitmap[i >> 3] & (1 << (i & 7)))) continue;
    const length = Math.min(pageSize, size - i * pageSize);
    if (at + length > packed.length) throw new Error("the snapshot file is truncated");
    out.set(packed.subarray(at, at + length), i * pageSize);
    at += length;
  }
  if (at !== packed.length) throw new Error("the snapshot file has trailing data");
  return out;
}
