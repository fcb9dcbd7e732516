// @ts-check
// The bias audit calculator: rows or pasted CSV in, the engine's audit out. No statistics here.
import { asidePanel, wireAside } from "./aside.mjs";
import { quoteCell, safeCsv } from "./csv-export.mjs";
import { el, importSvg } from "./dom.mjs";
import * as keep from "./keep.mjs";
import { ask, promptNear } from "./prompt.mjs";
import { isObject, notSaved, parseBounded, storeFor } from "./store.mjs";
import { followEngine, onOtherTab, shellOf, whenLoaded, wireActions } from "./widget-shell.mjs";

/** @typedef {import("./bridge-replies.mjs").BiasResult} BiasResult */
/** @typedef {{ group: string, successes: string, total: string }} Row */

/** @type {Record<import("./bridge-replies.mjs").Tone, string>} */
const ICONS = { good: "✓", warn: "!", bad: "✕" };
/** @param {unknown} value */
const isCell = (value) => typeof value === "string" || (typeof value === "number" && Number.isFinite(value));

/** The engine's table of rates by group, placed as it was written (headings and formatted cells).
 *  @param {import("./bridge-replies.mjs").RatesTable} table */
function groupTable(table) {
  // Explicit table roles: on a phone the rows are stacked (candor.css), and a table laid out as blocks loses its
  // table semantics in some browsers. Each cell carries its column's name, shown beside it when stacked.
  const body = el("tbody", { role: "rowgroup" });
  for (const row of table.rows) {
    body.append(
      el("tr", { role: "row" }, el("th", { scope: "row", role: "rowheader" }, el("bdi", {}, row.group), row.note ? ` (${row.note})` : null),
        ...row.cells.map((cell, i) => el("td", { role: "cell", "data-label": table.columns[i + 1] }, cell))),
    );
  }
  const head = el("thead", { role: "rowgroup" }, el("tr", { role: "row" }, ...table.columns.map((h) => el("th", { scope: "col", role: "columnheader" }, h))));
  return el("div", { class: "candor-bias-scroll", tabindex: "0", role: "region", "aria-label": "Rates by group" }, el("table", { class: "candor-bias-rates", role: "table" }, head, body));
}

/** @param {HTMLElement} container @param {BiasResult} result */
function render(container, result) {
  const tone = result.verdict_tone;
  /** @type {Element[]} */
  const parts = [
    el("div", { class: `candor-verdict candor-verdict--${tone}`, "data-verdict": result.verdict },
      el("span", { class: "candor-verdict-icon", "aria-hidden": "true" }, ICONS[tone]),
      el("strong", { class: "candor-verdict-label" }, result.verdict_label)),
    el("p", { class: "candor-reason" }, result.reading),
    groupTable(result.table),
  ];
  const svg = importSvg(result.chart_svg);
  if (svg) parts.push(svg);
  if (result.caveats.length) {
    parts.push(el("h3", {}, "Read this before you act"), el("ul", { class: "candor-caveats" }, ...result.caveats.map((c) => el("li", { "data-caveat": c.id }, c.text))));
  }
  container.replaceChildren(...parts);
}

/**
 * @param {HTMLElement} widget a [data-candor-tool] element, as the build rendered it (widgets/sitebuild/tools.py)
 * @param {import("./engine.mjs").Engine} engine
 */
export function wireBias(widget, engine) {
  const tool = widget.dataset.candorTool ?? "";
  /** @type {<T extends Element = HTMLElement>(selector: string) => T} the widget's own parts, which the build always renders */
  const part = (selector) => /** @type {any} */ (widget.querySelector(selector));
  const form = part("form");
  const rows = /** @type {HTMLTableSectionElement} */ (part("[data-candor-rows]"));
  const csv = /** @type {HTMLTextAreaElement} */ (part("[data-candor-csv]"));
  const notice = part("[data-candor-notice]");
  const section = part(".candor-result");
  const body = part("[data-candor-result]");
  const addRow = part("[data-candor-add-row]");
  const calculate = part("[data-candor-calculate]");
  // Limits and the saved format's version, as the build published them from the engine and the tool's data.
  const version = Number(widget.dataset.candorVersion);
  const maxGroups = Number(widget.dataset.candorMaxGroups);
  const maxBytes = Number(widget.dataset.candorMaxBytes);
  const { say, status } = shellOf(widget);
  const kept = storeFor(widget);

  /** @type {() => HTMLInputElement} */
  const decision = () => part('input[type="radio"]:checked');
  /** @type {(row: ParentNode, name: string) => HTMLInputElement} */
  const cell = (row, name) => /** @type {HTMLInputElement} */ (row.querySelector(`[name="${name}"]`));
  const relabel = () => {
    const chosen = decision();
    part('[data-candor-head="successes"]').textContent = chosen.dataset.successes ?? "";
    part('[data-candor-head="total"]').textContent = chosen.dataset.total ?? "";
    [...rows.rows].forEach((row, i) => {
      cell(row, "successes").setAttribute("aria-label", `Group ${i + 1}: ${chosen.dataset.successes}`);
      cell(row, "total").setAttribute("aria-label", `Group ${i + 1}: ${chosen.dataset.total}`);
    });
  };
  /** @returns {Row[]} */
  const readRows = () =>
    [...rows.rows].map((row) => ({
      group: cell(row, "group").value,
      successes: cell(row, "successes").value,
      total: cell(row, "total").value,
    }));
  const appendRow = () => {
    const copy = /** @type {HTMLTableRowElement} */ (rows.rows[0].cloneNode(true));
    copy.querySelectorAll("input").forEach((input) => {
      input.value = "";
      input.removeAttribute("aria-invalid");
    });
    rows.append(copy);
    relabel();
    return copy;
  };
  const hasCounts = () => Boolean(csv.value.trim()) || readRows().some((r) => r.group || r.successes || r.total);
  let locked = false; // damaged counts that could not be set aside are never saved over
  const store = () => {
    if (locked) return;
    const data = { questionnaire: tool, version, saved_at: new Date().toISOString(), answers: { decision: decision().value, rows: readRows(), csv: csv.value } };
    if (!kept.save(data)) say.unlessShown(notSaved(kept.refused, "counts"), "error");
  };
  /** @type {(value: unknown) => HTMLInputElement | null} */
  const radioFor = (value) => (typeof value === "string" ? widget.querySelector(`input[type="radio"][value="${CSS.escape(value)}"]`) : null);
  /** Put each saved value that is valid back; anything damaged is kept aside whole, with a notice. */
  const restore = () => {
    const { text, unavailable } = kept.load();
    if (unavailable) return notSaved("blocked", "counts");
    if (text === null) return null;
    const saved = parseBounded(text, widget);
    const answers = isObject(saved) && isObject(saved.answers) ? saved.answers : null;
    const damaged = [];
    const radio = answers && radioFor(answers.decision);
    if (radio) radio.checked = true;
    else damaged.push("the decision type");
    const rowsOk = answers && Array.isArray(answers.rows) && answers.rows.length <= maxGroups && answers.rows.every((/** @type {any} */ r) => isObject(r) && ["group", "successes", "total"].every((k) => r[k] === undefined || isCell(r[k])));
    if (rowsOk) {
      while (rows.rows.length < answers.rows.length) appendRow();
      answers.rows.forEach((/** @type {Record<string, unknown>} */ r, /** @type {number} */ i) => {
        for (const name of ["group", "successes", "total"]) cell(rows.rows[i], name).value = String(r[name] ?? "");
      });
    } else damaged.push("the rows of counts");
    if (answers && typeof answers.csv === "string") csv.value = answers.csv;
    else if (!answers || answers.csv !== undefined) damaged.push("the pasted table");
    relabel();
    if (!damaged.length) return null;
    if (!kept.putAside(text, "damaged", {})) {
      locked = true;
      const why = kept.refused === "blocked" ? "this browser does not let this site save" : "storage is full";
      return `Part of the counts saved in this browser could not be read, and ${why}, so they could not be set aside. They are left as they were, and your changes here are not saved over them.`;
    }
    store(); // the readable part is saved; the whole saved text is aside
    const what = answers ? damaged.join(", ").replace(/, ([^,]*)$/, " and $1") : "all of it";
    return `Part of what this browser saved for the calculator could not be read (${what}), so the calculator starts without it. What was saved is kept aside, unchanged: export it or discard it.`;
  };

  // Never let the browser submit the counts natively (into a URL) before or without the engine.
  form.addEventListener("submit", (event) => event.preventDefault());
  let damagedNotice;
  try {
    damagedNotice = restore();
  } catch {
    damagedNotice = "What this browser saved for the calculator could not be read, so it starts empty.";
  }
  relabel();
  form.addEventListener("input", store); // every edit (a radio too) fires "input" once: one save per change
  form.addEventListener("change", relabel);
  addRow.hidden = false;
  addRow.addEventListener("click", () => cell(appendRow(), "group").focus());

  if (damagedNotice) say(damagedNotice, "warn");
  wireAside(widget, asidePanel(widget), { store: kept, id: tool, what: "Counts", current: version, say });
  onOtherTab(widget, kept.savedKey, () =>
    say("The counts were just changed in another tab or window. Reload this page to see them there; a change you make here is saved over them.", "warn"),
  );
  const prompt = promptNear(notice);
  /** The counts as CSV text: the pasted table when there is one, else the rows (names quoted as needed). */
  const asCsv = () => {
    if (csv.value.trim()) return csv.value;
    const chosen = decision();
    const lines = readRows()
      .filter((r) => r.group || r.successes || r.total)
      .map((r) => [r.group, r.successes, r.total].map((v) => quoteCell(String(v), ",")).join(","));
    return [`group,${String(chosen.dataset.successes).toLowerCase()},${String(chosen.dataset.total).toLowerCase()}`, ...lines].join("\n") + "\n";
  };
  wireActions(widget, {
    export() {
      keep.download(`candor-${tool}-counts-${keep.today()}.csv`, safeCsv(asCsv()), "text/csv");
      say("Exported the counts as a CSV file. Paste it back into “Or paste a table” to use it again.");
    },
    async share() {
      say(await keep.offerShareLink(widget, keep.shareUrl(widget, tool, version, { decision: decision().value, csv: asCsv() })));
    },
    async clear() {
      const choice = await ask(prompt, "Clear every count, group name and pasted table in this calculator? This cannot be undone; export the counts first to keep a copy.", [
        { id: "keep", label: "Keep the counts" },
        { id: "clear", label: "Clear them" },
      ]);
      if (choice !== "clear") return;
      rows.querySelectorAll("input").forEach((input) => {
        input.value = "";
      });
      csv.value = "";
      kept.remove();
      section.hidden = true;
      say("The counts were cleared.");
    },
  });

  /** Counts shared in the link: shown in the CSV box after asking, then checked by the engine on Calculate. */
  async function receiveShared() {
    const shared = keep.sharedFromLocation(widget);
    if (!shared) return;
    keep.dropShareFragment();
    const payload = shared.error ? null : parseBounded(shared.text, widget);
    const answers = isObject(payload) && payload.questionnaire === tool && isObject(payload.answers) ? payload.answers : null;
    if (!answers || typeof answers.csv !== "string" || new TextEncoder().encode(answers.csv).length > maxBytes) {
      say(`${shared.error || "The share link does not hold counts for this calculator."} Nothing was changed.`, "error");
      return;
    }
    const mine = hasCounts();
    if (mine) {
      const choice = await ask(prompt, "Replace the counts in this calculator (your rows and any pasted table) with the ones in the shared link? Yours would be lost unless you export them first.", [
        { id: "keep", label: "Keep my counts" },
        { id: "use", label: "Use the shared counts" },
      ]);
      if (choice !== "use") {
        say("Kept your counts; the shared ones were not used.");
        return;
      }
    }
    const radio = radioFor(answers.decision);
    if (radio) radio.checked = true;
    csv.value = answers.csv;
    /** @type {HTMLDetailsElement} */ (csv.closest("details")).open = true;
    relabel();
    store();
    say("Loaded the shared counts. Choose Calculate to audit them.");
  }

  followEngine(widget, engine, {
    waiting: (state) => (status.textContent = state.message),
    failed: (state) =>
      (status.textContent = state.afterReady
        ? `The calculator stopped working (${state.reason}). Your counts are kept in this browser; reload the page to start it again.`
        : `The calculator could not start (${state.reason}). Your counts are kept in this browser.`),
  });

  /** Audit the counts; ``quiet`` (on return to the page) shows a result but no error for counts left unfinished. */
  /** @param {Event | null} event @param {boolean} [quiet] */
  async function audit(event, quiet = false) {
    event?.preventDefault();
    widget.querySelectorAll('[aria-invalid="true"]').forEach((input) => input.removeAttribute("aria-invalid"));
    const request = csv.value.trim() ? { op: "bias-audit", tool, csv: csv.value } : { op: "bias-audit", tool, rows: readRows(), decision: decision().value };
    const reply = await engine.call(request);
    if (!reply.ok && quiet) {
      status.textContent = "Your counts are back. Finish them and choose Calculate.";
      return;
    }
    say("");
    if (!reply.ok) {
      say(reply.error.message, "error");
      status.textContent = "The counts need fixing: see the message below the form.";
      return;
    }
    section.hidden = false;
    render(body, reply.result);
    status.textContent = reply.result.status;
    widget.dataset.candorUpdates = String(Number(widget.dataset.candorUpdates || 0) + 1);
  }

  whenLoaded(engine, engine.loadTool(tool), () => {
    form.addEventListener("submit", audit);
    calculate.hidden = false;
    widget.dataset.candorState = "ready";
    status.textContent = "Ready. Enter the counts and choose Calculate.";
    const shared = keep.sharedFromLocation(widget);
    if (!shared && hasCounts()) return audit(null, true); // back on the page: the result as it was left
    return receiveShared().catch(() => say("The share link could not be read. Nothing was changed.", "error"));
  });
}
