// @ts-nocheck: not yet typed for TypeScript's checker (tsconfig.json says how to start)
// CSV the calculator exports: cells quoted as needed and formula-like cells neutralised for spreadsheets.
//
// What is neutralised, decided for issue 29: a spreadsheet may read the file with another separator than the
// one written (a comma file opened where the semicolon is the list separator, a tab or a pipe chosen on import)
// and may not honour the quotes, so a cell can start after any of , ; | tab, CR or LF, not only at the start of
// what was written as a cell. Wherever such a cell could start with = + - @ (or a tab or CR, which some
// spreadsheets drop before reading a formula), an apostrophe is put first: spreadsheets show it as the marker
// of text and run nothing. Plain signed numbers (-5, +3.5) are left as they are. The apostrophe stays in the
// text; pasted back into the calculator it is part of the group's name.

/** Where a cell could start, in any spreadsheet's reading, followed by what makes it a formula. */
const FORMULA = /(^|[,;|\t\r\n])([=+\-@\t\r][^,;|\t\r\n]*)/g;
const NUMBER = /^[+-]\d[\d.]*$/;

/** The cell with an apostrophe before every place a spreadsheet could read the start of a formula. */
export const safeCell = (value) => value.replace(FORMULA, (_, before, cell) => `${before}${NUMBER.test(cell) ? "" : "'"}${cell}`);
export const quoteCell = (value, sep) => (value.includes(sep) || /["\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** Split pasted CSV text into rows of cells (RFC 4180 quotes). */
function csvRows(text, sep) {
  const rows = [[]];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') cell += text[i++];
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === sep) rows.at(-1).push(cell), (cell = "");
    else if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) rows.at(-1).push(cell), (cell = ""), rows.push([]);
    else if (c !== "\r") cell += c;
  }
  rows.at(-1).push(cell);
  return rows.filter((row) => row.some((v) => v !== ""));
}

/** The pasted table as CSV with every formula-like cell neutralised. */
export function safeCsv(text) {
  const header = text.split(/\r?\n/).find((line) => line.trim()) || "";
  const sep = [",", ";", "\t"].reduce((best, s) => (header.split(s).length > header.split(best).length ? s : best), ",");
  return csvRows(text, sep).map((row) => row.map((v) => quoteCell(safeCell(v), sep)).join(sep)).join("\n") + "\n";
}
