// @ts-nocheck: not yet typed for TypeScript's checker (tsconfig.json says how to start)
// The result in view while answering: the sticky summary above the questions, a note at each answer that raised a
// flag, a way to the next unanswered question and back to the summary. Filled from the engine's result, the same
// one the full result panel shows; every word about the verdict comes from that result.
import { el } from "./dom.mjs";
import { questions } from "./form.mjs";
import { GAP } from "./messages.mjs";

const FLAG_PREFIX = { red: "Red flag: ", amber: "Amber flag: " };

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The flags' count in words, e.g. "1 red flag, 2 amber flags", or "No flags". */
function flagCount(flags) {
  const red = flags.filter((f) => f.level === "red").length;
  const amber = flags.length - red;
  const parts = [red ? plural(red, "red flag") : "", amber ? plural(amber, "amber flag") : ""].filter(Boolean);
  return parts.length ? parts.join(", ") : "No flags";
}

function renderSummary(sticky, result) {
  const { completeness: c } = result;
  sticky.hidden = false;
  sticky.dataset.tone = result.verdict === null ? "none" : result.verdict_tone;
  sticky.querySelector("[data-candor-sticky-verdict]").textContent = result.verdict === null ? c.text : result.verdict_label;
  const figure = result.verdict === null ? "" : result.provisional || result.score === null ? `Provisional: ${c.text}` : `Score ${result.score} / 100`;
  sticky.querySelector("[data-candor-sticky-meta]").textContent = [figure, c.answered ? flagCount(result.flags) : ""].filter(Boolean).join(" · ");
  sticky.querySelector("[data-candor-next]").hidden = c.answered >= c.visible;
}

/** A short note at the end of each question whose answer raised a flag; old notes go. */
function renderInlineFlags(form, flags) {
  for (const note of form.querySelectorAll("[data-candor-inline-flag]")) note.remove();
  for (const fieldset of questions(form)) {
    const mine = flags.filter((f) => f.question === fieldset.dataset.question);
    for (const flag of mine) {
      fieldset.append(el("p", { class: `candor-inline-flag candor-inline-flag--${flag.level}`, "data-candor-inline-flag": flag.level }, el("strong", {}, FLAG_PREFIX[flag.level]), flag.message));
    }
  }
}

function unanswered(fieldset) {
  return !fieldset.hidden && !fieldset.querySelector("input:checked");
}

/** Wire the summary's controls once; returns the function that shows a new result. */
export function resultInView(widget, form) {
  const sticky = widget.querySelector("[data-candor-sticky]");
  const result = widget.querySelector(".candor-result");
  let last = null; // the question the reader was last in
  form.addEventListener("focusin", (event) => {
    last = event.target.closest("fieldset[data-question]");
    // Keyboard focus only: scrolling between a pointer's press and release would move the option from under it
    // and lose the click.
    if (event.target.matches(":focus-visible")) keepClear(sticky, last);
  });
  // Esc in a question brings the reader back to the summary (and its links to the next question and the result).
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !sticky.hidden) sticky.focus();
  });
  sticky.querySelector("[data-candor-next]").addEventListener("click", () => {
    const all = questions(form);
    const from = last ? all.indexOf(last) + 1 : 0;
    const next = [...all.slice(from), ...all.slice(0, from)].find(unanswered);
    next?.querySelector("input")?.focus();
  });
  sticky.querySelector("[data-candor-details]").addEventListener("click", (event) => {
    if (result.hidden) return;
    // Ours alone: Material's instant navigation would follow the link's hash after us and move the focus to <body>.
    event.preventDefault();
    event.stopPropagation();
    // The result's heading at the top, just under the header (and under this summary, should it still be over the
    // heading): focus() alone scrolls a tall result to its middle.
    result.focus({ preventScroll: true });
    const title = document.getElementById(result.getAttribute("aria-labelledby")) ?? result;
    const header = document.querySelector(".md-header");
    const top = () => title.getBoundingClientRect().top;
    window.scrollBy({ top: top() - (header ? Math.max(0, header.getBoundingClientRect().bottom) : 0) - GAP, behavior: "instant" });
    const over = sticky.hidden ? null : sticky.getBoundingClientRect(); // still over the heading (a short result)?
    if (over && over.bottom > top() && over.top < title.getBoundingClientRect().bottom) {
      window.scrollBy({ top: top() - over.bottom - GAP, behavior: "instant" });
    }
  });
  new ResizeObserver(() => document.documentElement.style.setProperty("--candor-sticky-height", `${sticky.offsetHeight}px`)).observe(sticky);
  // No result (the answers could not be scored): nothing stale stays in view.
  return (r) => {
    if (r) renderSummary(sticky, r);
    else sticky.hidden = true;
    renderInlineFlags(form, r ? r.flags : []);
  };
}

/** Scroll so the whole question being answered sits below the summary, when it fits on the screen. */
function keepClear(sticky, fieldset) {
  if (!fieldset || sticky.hidden) return;
  const bottom = sticky.getBoundingClientRect().bottom + 8;
  const box = fieldset.getBoundingClientRect();
  if (box.top < bottom && box.height < window.innerHeight - bottom) window.scrollBy(0, box.top - bottom);
}
