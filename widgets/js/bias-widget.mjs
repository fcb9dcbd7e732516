// The bias audit calculator: rows or pasted CSV in, the engine's audit out. No statistics here.
import { el, importSvg } from "./dom.mjs";
import * as keep from "./keep.mjs";
import { SITE_ROOT } from "./render.mjs";

const TONES = { "no-adverse-impact": "good", "possible-adverse-impact": "warn", "adverse-impact": "bad" };
const ICONS = { good: "✓", warn: "!", bad: "✕" };
const KEY = (tool) => `candor:answers:${tool}`;


const pct = (x) => `${(100 * x).toFixed(1)}%`;
const pValue = (p) => (p < 0.001 ? "< 0.001" : p.toFixed(3));

function groupTable(result) {
  const head = ["Group", "Rate", "95% interval", "Impact ratio", "Below four fifths", "Test", "p-value", "Significant"];
  const body = el("tbody");
  for (const g of result.groups) {
    const c = g.comparison;
    body.append(
      el(
        "tr",
        {},
        el("th", { scope: "row" }, g.group, g.most_favoured ? " (most favoured)" : null),
        el("td", {}, `${pct(g.rate)} (${g.successes} of ${g.total})`),
        el("td", {}, `${pct(g.ci_low)} – ${pct(g.ci_high)}`),
        el("td", {}, g.impact_ratio.toFixed(2)),
        el("td", {}, g.below_four_fifths ? "Yes" : "No"),
        el("td", {}, c ? (c.test === "fisher-exact" ? "Fisher's exact" : "Two-proportion z") : "–"),
        el("td", {}, c ? pValue(c.p_value) : "–"),
        el("td", {}, c ? (c.significant ? "Yes" : "No") : "–"),
      ),
    );
  }
  const table = el("table", { class: "candor-bias-rates" }, el("thead", {}, el("tr", {}, ...head.map((h) => el("th", { scope: "col" }, h)))), body);
  return el("div", { class: "candor-bias-scroll", tabindex: "0", role: "region", "aria-label": "Rates by group" }, table);
}

function render(container, result) {
  const tone = TONES[result.verdict] || "warn";
  const parts = [
    el("div", { class: `candor-verdict candor-verdict--${tone}`, "data-verdict": result.verdict },
      el("span", { class: "candor-verdict-icon", "aria-hidden": "true" }, ICONS[tone]),
      el("strong", { class: "candor-verdict-label" }, result.verdict_label)),
    el("p", { class: "candor-reason" }, result.reading),
    groupTable(result),
  ];
  const svg = importSvg(result.chart_svg);
  if (svg) parts.push(svg);
  if (result.caveats.length) {
    parts.push(el("h3", {}, "Read this before you act"), el("ul", { class: "candor-caveats" }, ...result.caveats.map((c) => el("li", { "data-caveat": c.id }, c.text))));
  }
  parts.push(
    el("p", {}, "What to do next: ", ...result.practices.flatMap((p, i) => [i ? ", " : "", el("a", { href: new URL(p.url, SITE_ROOT).href }, `${p.id} ${p.title}`)])),
  );
  container.replaceChildren(...parts);
}

export function wireBias(widget, engine) {
  const tool = widget.dataset.candorTool;
  const form = widget.querySelector("form");
  const rows = widget.querySelector("[data-candor-rows]");
  const csv = widget.querySelector("[data-candor-csv]");
  const status = widget.querySelector('[role="status"]');
  const notice = widget.querySelector("[data-candor-notice]");
  const section = widget.querySelector(".candor-result");
  const body = widget.querySelector("[data-candor-result]");
  const addRow = widget.querySelector("[data-candor-add-row]");
  const calculate = widget.querySelector("[data-candor-calculate]");
  widget.dataset.candorState = "loading";

  const decision = () => widget.querySelector('input[type="radio"]:checked');
  const relabel = () => {
    const chosen = decision();
    widget.querySelector('[data-candor-head="successes"]').textContent = chosen.dataset.successes;
    widget.querySelector('[data-candor-head="total"]').textContent = chosen.dataset.total;
    [...rows.rows].forEach((row, i) => {
      row.querySelector('[name="successes"]').setAttribute("aria-label", `Group ${i + 1}: ${chosen.dataset.successes}`);
      row.querySelector('[name="total"]').setAttribute("aria-label", `Group ${i + 1}: ${chosen.dataset.total}`);
    });
  };
  const readRows = () =>
    [...rows.rows].map((row) => ({
      group: row.querySelector('[name="group"]').value,
      successes: row.querySelector('[name="successes"]').value,
      total: row.querySelector('[name="total"]').value,
    }));
  const appendRow = () => {
    const copy = rows.rows[0].cloneNode(true);
    copy.querySelectorAll("input").forEach((input) => {
      input.value = "";
      input.removeAttribute("aria-invalid");
    });
    rows.append(copy);
    relabel();
    return copy;
  };
  const store = () => {
    try {
      const data = { questionnaire: tool, version: 1, saved_at: new Date().toISOString(), answers: { decision: decision().value, rows: readRows(), csv: csv.value } };
      localStorage.setItem(KEY(tool), JSON.stringify(data));
    } catch {
      /* storage unavailable: nothing to keep */
    }
  };
  const restore = () => {
    let saved = null;
    try {
      saved = JSON.parse(localStorage.getItem(KEY(tool)) || "null");
    } catch {
      localStorage.removeItem(KEY(tool));
      notice.textContent = "Your saved counts in this browser were damaged and could not be read, so they were cleared.";
      return;
    }
    const answers = saved && saved.answers;
    if (!answers || !Array.isArray(answers.rows)) return;
    const radio = widget.querySelector(`input[type="radio"][value="${CSS.escape(String(answers.decision))}"]`);
    if (radio) radio.checked = true;
    while (rows.rows.length < Math.min(answers.rows.length, 50)) appendRow();
    answers.rows.slice(0, 50).forEach((r, i) => {
      const row = rows.rows[i];
      for (const name of ["group", "successes", "total"]) row.querySelector(`[name="${name}"]`).value = String(r[name] ?? "");
    });
    csv.value = typeof answers.csv === "string" ? answers.csv : "";
    relabel();
  };

  // Never let the browser submit the counts natively (into a URL) before or without the engine.
  form.addEventListener("submit", (event) => event.preventDefault());
  restore();
  relabel();
  form.addEventListener("input", store);
  form.addEventListener("change", () => {
    relabel();
    store();
  });
  addRow.hidden = false;
  addRow.addEventListener("click", () => appendRow().querySelector("input").focus());

  const say = (text, tone = "info") => {
    const attrs = tone === "error" ? { class: "candor-message candor-message--error", role: "alert" } : { class: "candor-message" };
    notice.replaceChildren(el("p", attrs, text));
  };
  /** The counts as CSV text: the pasted table when there is one, else the rows (names quoted as needed). */
  const asCsv = () => {
    if (csv.value.trim()) return csv.value;
    const chosen = decision();
    const quote = (v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const lines = readRows()
      .filter((r) => r.group || r.successes || r.total)
      .map((r) => [r.group, r.successes, r.total].map((v) => quote(String(v))).join(","));
    return [`group,${chosen.dataset.successes.toLowerCase()},${chosen.dataset.total.toLowerCase()}`, ...lines].join("\n") + "\n";
  };
  const actions = {
    export() {
      keep.download(`candor-${tool}-counts-${keep.today()}.csv`, asCsv(), "text/csv");
      say("Exported the counts as a CSV file. Paste it back into “Or paste a table” to use it again.");
    },
    async share() {
      say(await keep.offerShareLink(widget, keep.shareUrl(tool, 1, { decision: decision().value, csv: asCsv() })));
    },
    clear() {
      if (!window.confirm("Clear the counts in this calculator? This cannot be undone.")) return;
      rows.querySelectorAll("input").forEach((input) => {
        input.value = "";
      });
      csv.value = "";
      localStorage.removeItem(KEY(tool));
      section.hidden = true;
      say("The counts were cleared.");
    },
  };
  for (const button of widget.querySelectorAll("[data-candor-action]")) {
    button.addEventListener("click", () => actions[button.dataset.candorAction]());
  }
  widget.querySelector(".candor-keep").hidden = false;

  /** Counts shared in the link: shown in the CSV box after asking, then checked by the engine on Calculate. */
  async function receiveShared() {
    const shared = keep.sharedFromLocation();
    if (!shared) return;
    keep.dropShareFragment();
    let payload = null;
    try {
      payload = shared.error ? null : JSON.parse(shared.text);
    } catch {
      payload = null;
    }
    const answers = payload && payload.questionnaire === tool && payload.answers;
    if (!answers || typeof answers.csv !== "string" || answers.csv.length > 100000) {
      say(`${shared.error || "The share link does not hold counts for this calculator."} Nothing was changed.`, "error");
      return;
    }
    const mine = csv.value.trim() || readRows().some((r) => r.group || r.successes || r.total);
    if (mine && !window.confirm("Replace your counts with the ones in the shared link?")) {
      say("Kept your counts; the shared ones were not used.");
      return;
    }
    const radio = widget.querySelector(`input[type="radio"][value="${CSS.escape(String(answers.decision))}"]`);
    if (radio) radio.checked = true;
    csv.value = answers.csv;
    csv.closest("details").open = true;
    relabel();
    store();
    say("Loaded the shared counts. Choose Calculate to audit them.");
  }

  engine.subscribe((state) => {
    if (!widget.isConnected) return;
    if (state.failed) {
      widget.dataset.candorState = "failed";
      status.textContent = `The calculator could not start (${state.reason}). Your counts are kept in this browser.`;
    } else if (state.stage !== "ready") status.textContent = state.message;
  });

  async function audit(event) {
    event.preventDefault();
    widget.querySelectorAll('[aria-invalid="true"]').forEach((input) => input.removeAttribute("aria-invalid"));
    const request = csv.value.trim() ? { op: "bias-audit", tool, csv: csv.value } : { op: "bias-audit", tool, rows: readRows() };
    const reply = await engine.call(request);
    notice.replaceChildren();
    if (!reply.ok) {
      const message = el("p", { class: "candor-message candor-message--error", role: "alert" }, reply.error.message);
      notice.append(message);
      status.textContent = "The counts need fixing: see the message below the form.";
      return;
    }
    section.hidden = false;
    render(body, reply.result);
    status.textContent = `Result: ${reply.result.verdict_label}.`;
    widget.dataset.candorUpdates = String(Number(widget.dataset.candorUpdates || 0) + 1);
  }

  engine
    .loadTool(tool)
    .then((reply) => {
      if (!reply.ok) throw new Error(reply.error.message);
      form.addEventListener("submit", audit);
      calculate.hidden = false;
      widget.dataset.candorState = "ready";
      status.textContent = "Ready. Enter the counts and choose Calculate.";
      return receiveShared();
    })
    .catch((error) => {
      if (!engine.state.failed) engine.fail(String(error.message || error));
    });
}
