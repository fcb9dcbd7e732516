// @ts-nocheck: not yet typed for TypeScript's checker (tsconfig.json says how to start)
// Rendering the engine's result with DOM calls only (textContent), so no answer or text can become markup.
import { el, importSvg } from "./dom.mjs";

export const SITE_ROOT = new URL("../../../", import.meta.url);


function practiceLink(practice) {
  return el("a", { href: new URL(practice.url, SITE_ROOT).href }, `${practice.id ?? practice.practice} ${practice.title}`);
}

// The kit templates that help meet a practice (data from the build), as " (template: …)".
function templateLinks(practice) {
  const templates = practice.templates || [];
  if (!templates.length) return [];
  const links = templates.flatMap((t, i) => [i ? ", " : "", el("a", { href: new URL(t.url, SITE_ROOT).href, class: "candor-template-link" }, t.title)]);
  return [" (template: ", ...links, ")"];
}

function verdictBanner(result) {
  const tone = result.verdict_tone; // from the check's data, like the label
  const icon = { good: "✓", warn: "!", bad: "✕" }[tone];
  return el(
    "div",
    { class: `candor-verdict candor-verdict--${tone}`, "data-verdict": result.verdict },
    el("span", { class: "candor-verdict-icon", "aria-hidden": "true" }, icon),
    el("strong", { class: "candor-verdict-label" }, result.verdict_label),
    result.provisional ? el("span", { class: "candor-provisional" }, ` (provisional: ${result.completeness.text})`) : null,
  );
}

function areaTable(result) {
  const body = el("tbody");
  for (const area of result.areas) {
    body.append(
      el("tr", {}, el("th", { scope: "row" }, area.title), el("td", {}, area.score !== null ? String(area.score) : area.applicable ? "no answers yet" : "not applicable"), el("td", {}, String(area.weight))),
    );
  }
  return el(
    "table",
    {},
    el("caption", {}, "Score by area (0–100)"),
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Area"), el("th", { scope: "col" }, "Score"), el("th", { scope: "col" }, "Weight"))),
    body,
  );
}

function flagList(flags) {
  const list = el("ul", { class: "candor-flags" });
  for (const flag of flags) {
    const item = el(
      "li",
      { class: `candor-flag candor-flag--${flag.level}`, "data-flag-level": flag.level, "data-question": flag.question },
      el("strong", {}, flag.level === "red" ? "Red flag: " : "Amber flag: "),
      flag.message,
      el("br"),
      el("span", { class: "candor-flag-cause" }, `Because you answered “${flag.answer_label}” to “${flag.question_text}”.`),
    );
    if (flag.advice) item.append(el("br"), el("span", { class: "candor-flag-advice" }, `What to do: ${flag.advice}`));
    if (flag.practices.length) {
      const links = el("span", { class: "candor-flag-practices" }, " See ");
      flag.practices.forEach((p, i) => links.append(i ? ", " : "", practiceLink(p), ...templateLinks(p)));
      item.append(links);
    }
    list.append(item);
  }
  return list;
}

function recommendationList(recommendations) {
  const list = el("ol", { class: "candor-recommendations" });
  for (const rec of recommendations) {
    list.append(el("li", {}, practiceLink(rec), ...templateLinks(rec), ` (up to +${rec.gain} points)`));
  }
  return list;
}

// The engine's changes to make first, in its order and words: the question, the answer given, the one that fixes it.
function fixFirstList(items) {
  const list = el("ol", { class: "candor-fix-first" });
  for (const f of items) {
    const item = el("li", { "data-question": f.question, "data-cause": f.cause }, el("strong", {}, f.question_text), el("br"));
    item.append(el("span", {}, `${f.change} ${f.text}`));
    if (f.practices.length) {
      item.append(" See ");
      f.practices.forEach((p, i) => item.append(i ? ", " : "", practiceLink(p)));
      item.append(".");
    }
    list.append(item);
  }
  return list;
}

function keyDateList(keyDates) {
  const list = el("ul", { class: "candor-key-dates" });
  for (const k of keyDates) {
    const item = el("li", {}, el("strong", {}, el("time", { datetime: k.date }, k.when)), `: ${k.title} (${k.jurisdiction}). `);
    item.append(el("a", { href: k.source.url }, k.source.title), ". See ");
    k.practices.forEach((p, i) => item.append(i ? ", " : "", practiceLink(p)));
    list.append(item);
  }
  return list;
}

/** Progress towards a judgment, and the areas still to answer: shown instead of a score until there is one. */
function progressBlock(completeness) {
  const { answered, visible, text, missing_text: missing } = completeness;
  return el(
    "div",
    { class: "candor-progress-result", "data-candor-result-progress": "" },
    el("progress", { value: String(answered), max: String(visible), "aria-label": text }),
    el("p", { class: "candor-progress-text" }, `${text}.`),
    missing ? el("p", { class: "candor-missing" }, missing) : null,
  );
}

/** Replace the result panel's content with the engine's result. */
export function renderResult(body, result) {
  const parts = [];
  const { completeness } = result;
  if (completeness.answered === 0) {
    parts.push(el("p", { class: "candor-verdict-none" }, "Answer a question to see a result."));
  } else if (result.verdict !== null) {
    parts.push(verdictBanner(result), el("p", { class: "candor-verdict-summary" }, result.verdict_summary));
  }
  // What holds the verdict and what to change first lead the result (the first screen, on a phone too).
  const why = el("p", { class: "candor-reason" }, el("strong", {}, "Why: "), result.reason);
  if (result.fix_first?.length) parts.push(why, el("h3", { class: "candor-fix-first-heading" }, result.fix_first_heading), fixFirstList(result.fix_first));
  if (completeness.answered > 0 && (!completeness.enough || result.verdict === null)) parts.push(progressBlock(completeness));
  if (!result.fix_first?.length) parts.push(why);
  if (completeness.enough && result.provisional && completeness.missing_text) {
    parts.push(el("p", { class: "candor-missing" }, completeness.missing_text));
  }
  if (result.score !== null) parts.push(el("p", { class: "candor-score" }, `Overall score: ${result.score} / 100`));
  if (result.flags.length) parts.push(el("h3", {}, "Flags"), flagList(result.flags));
  if (result.recommendations.length) parts.push(el("h3", {}, "What would raise the score most"), recommendationList(result.recommendations));
  // The heading is the engine's (candor.checks.key_dates.HEADING, the same in the Markdown report), published by the build.
  const datesHeading = body.closest("[data-candor-key-dates-heading]")?.dataset.candorKeyDatesHeading;
  if (result.key_dates?.length) parts.push(el("h3", {}, datesHeading), keyDateList(result.key_dates));
  if (result.areas.length && result.chart_svg) {
    const figure = el("figure", { class: "candor-chart-figure" });
    const svg = importSvg(result.chart_svg);
    if (svg) figure.append(svg);
    figure.append(areaTable(result));
    parts.push(el("h3", {}, "By area"), figure);
  }
  body.replaceChildren(...parts);
}

/** A plain message in the result area (failures, notices). */
export function renderMessage(body, text, tone = "info") {
  body.replaceChildren(el("p", { class: `candor-message candor-message--${tone}` }, text));
}
