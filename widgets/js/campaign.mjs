// @ts-nocheck: not yet typed for TypeScript's checker (tsconfig.json says how to start)
// Campaign details (the form's "Campaign details" fieldset, built from the answers schema) and the printed
// summary an approver signs. The engine decides what the summary lists and its wording (result.approval);
// this module only reads the fields and places text. Everything is text, never markup. The characters a
// detail may not hold, and the message that says so, are the engine's (candor/intake/campaign.py), published by the
// build on each field (data-candor-refused, data-candor-refused-message): none is written here.

const fields = (form) => [...form.querySelectorAll("[data-candor-campaign-field]")];

/** The details typed in, trimmed; blank fields are left out (as the engine does). */
export function readCampaign(form) {
  const out = {};
  for (const field of fields(form)) {
    const value = field.value.trim();
    if (value) out[field.dataset.candorCampaignField] = value;
  }
  return out;
}

/** The engine's message for a field holding a character the engine refuses, or null. */
function refusalOf(field) {
  const { candorRefused: chars, candorRefusedMessage: message } = field.dataset;
  const found = chars && new RegExp(`[${chars}]`, "u").exec(field.value);
  if (!found) return null;
  return message.replace("{code}", `U+${found[0].codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
}

/** Mark each field holding a refused character as invalid (with the engine's message); returns the first message or null. */
export function markRefused(form) {
  let first = null;
  for (const field of fields(form)) {
    const message = refusalOf(field);
    field.setCustomValidity(message || "");
    if (message) field.setAttribute("aria-invalid", "true");
    else field.removeAttribute("aria-invalid");
    first ||= message;
  }
  return first;
}

/** The details to save: each field as typed, but a field the engine would refuse keeps its value in `saved`
 *  (the last set saved), so what is saved can always be read back. */
export function campaignToSave(form, saved) {
  const out = readCampaign(form);
  for (const field of fields(form)) {
    const key = field.dataset.candorCampaignField;
    if (!refusalOf(field)) continue;
    const before = saved && typeof saved === "object" ? saved[key] : undefined;
    if (typeof before === "string" && before) out[key] = before;
    else delete out[key];
  }
  return out;
}

/** Whether two sets of details hold the same values. */
export const sameCampaign = (a = {}, b = {}) => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
};

/** Put details from a saved set, a file or a share link on the form (missing ones are cleared); returns the
 *  engine's message for a character it refuses in them (see markRefused), or null. */
export function applyCampaign(form, campaign) {
  const given = campaign && typeof campaign === "object" ? campaign : {};
  for (const field of fields(form)) {
    const value = given[field.dataset.candorCampaignField];
    field.value = typeof value === "string" ? value : "";
  }
  return markRefused(form);
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

// "15 January 2027", as the engine writes dates in the Markdown report.
const longDate = (date, timeZone) => date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone });

function table(header, rows) {
  const t = el("table", undefined, "candor-print-table");
  const head = t.createTHead().insertRow();
  for (const cell of header) head.append(el("th", cell));
  const body = t.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const cell of row) tr.append(el("td", cell));
  }
  return t;
}

function appendix(form, text) {
  const section = el("section", undefined, "candor-print-only candor-print-appendix");
  section.append(el("h2", text.answers));
  const rows = [];
  for (const fieldset of form.querySelectorAll("fieldset[data-question]")) {
    if (fieldset.hidden) continue;
    const chosen = [...fieldset.querySelectorAll("input:checked")].map((input) => input.closest("label").textContent.trim());
    rows.push([fieldset.querySelector("legend").textContent.trim(), chosen.length ? chosen.join("; ") : text.not_answered]);
  }
  section.append(table(text.answer_columns.split("|"), rows));
  return section;
}

function summary(form, r) {
  const a = r.approval;
  const text = a.text;
  const section = el("section", undefined, "candor-print-only candor-print-summary");
  section.append(el("h2", text.summary));
  const details = el("dl", undefined, "candor-print-details");
  for (const field of fields(form)) {
    const value = field.value.trim();
    if (!value) continue;
    const label = form.querySelector(`label[for="${field.id}"]`).textContent;
    const date = field.type === "date" ? field.valueAsDate : null; // null where the browser has no date input
    details.append(el("dt", label), el("dd", date ? longDate(date, "UTC") : value));
  }
  details.append(el("dt", text.checked), el("dd", longDate(new Date())));
  section.append(details);
  const verdict = el("p", undefined, "candor-print-verdict");
  verdict.append(el("strong", `${text.verdict}: ${r.verdict_label ?? text.no_verdict}`));
  if (r.provisional) verdict.append(`, ${text.provisional}`);
  section.append(verdict, el("p", r.reason));
  section.append(el("h3", text.conditions));
  if (a.conditions.length) {
    section.append(el("p", text.fill_in));
    const rows = a.conditions.map((c, i) => [String(i + 1), c.text, c.action, "", ""]);
    section.append(table(text.condition_columns.split("|"), rows));
  } else section.append(el("p", text.none));
  section.append(el("h3", text.red_flags));
  if (a.red_flags.length) {
    const list = el("ul");
    for (const f of a.red_flags) list.append(el("li", `${f.text} ${f.action}`.trim()));
    section.append(list);
  } else section.append(el("p", text.none));
  section.append(el("h3", text.sign_off));
  const names = readCampaign(form);
  section.append(table(text.sign_off_columns.split("|"), ["approver", "owner"].map((role) => [text[role], names[role] || "", "", ""])));
  section.append(el("p", text.not_legal_advice, "candor-print-disclaimer"));
  return section;
}

const latest = new WeakMap();

/** Keep the printed summary (first) and the questions-and-answers appendix (last) in step with the result. */
export function renderPrint(widget, form, r) {
  if (!r || !r.approval) return;
  if (!latest.has(widget)) window.addEventListener("beforeprint", () => renderPrint(widget, form, latest.get(widget)));
  latest.set(widget, r);
  widget.querySelector(".candor-print-summary")?.remove();
  widget.querySelector(".candor-print-appendix")?.remove();
  widget.prepend(summary(form, r));
  widget.append(appendix(form, r.approval.text));
  widget.dataset.candorPrint = "summary";
}

/** Save the details as they are typed (a text field's change event waits for it to lose focus); a character
 *  the engine refuses is said at once, in the engine's words, and said no more once it is gone. */
export function wireCampaign(form, persist, say) {
  let timer = 0;
  let refusing = false;
  form.addEventListener("input", (event) => {
    if (!event.target.matches("[data-candor-campaign-field]")) return;
    const refusal = markRefused(form);
    if (refusal) say(`${refusal} Until then, this detail is not saved.`, "error");
    else if (refusing) say("");
    refusing = Boolean(refusal);
    clearTimeout(timer);
    timer = setTimeout(persist, 300);
  });
}
