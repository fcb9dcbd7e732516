// CSV the calculator exports: cells quoted as needed and formula-like cells neutralised for spreadsheets.

/** A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is exported with a leading apostrophe. */
const FORMULA = /^[=+\-@\t\r]/;
export const safeCell = (value) => (FORMULA.test(value) && !/^[+-]?\d[\d,.]*$/.test(value) ? `'${value}` : value);
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
