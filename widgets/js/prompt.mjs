// @ts-nocheck: not yet typed for TypeScript's checker (tsconfig.json says how to start)
// The inline prompt before anything a reader entered is replaced or removed (accessible, no modal).
// The first choice is always the safe one and gets the focus, so a stray Space or Enter (paging down, typing
// in another frame) cannot replace anything. For a moment after the prompt appears, key presses on it are
// ignored and the other choices are disabled, so a key press or click already on its way does not answer a
// question the reader has not seen.
import { el } from "./dom.mjs";
import { reveal } from "./messages.mjs";

export const GUARD_MS = 700;
let asked = 0;

/** A prompt container put next to `node` ("before" or "after" it), marked with the data attribute `mark`. */
export function promptNear(node, where = "before", mark = "data-candor-prompt") {
  const prompt = el("div", { class: "candor-prompt", [mark]: "", role: "group" });
  prompt.hidden = true;
  node[where](prompt);
  return prompt;
}

/** The prompt container of a widget: its rendered [data-candor-prompt], or one made before `before`. */
export function promptIn(widget, before) {
  return widget.querySelector("[data-candor-prompt]") || promptNear(before);
}

/**
 * Show `text` with one button per choice ({id, label}); the first choice is the safe one. Resolves to the id
 * of the choice made. A newer question replaces an unanswered one, which then resolves to null.
 */
export function ask(prompt, text, choices) {
  prompt._candorCancel?.();
  const question = new Promise((resolve) => {
    const shownAt = performance.now();
    const textId = `candor-prompt-text-${++asked}`;
    const buttons = choices.map((choice, i) => {
      const button = el("button", { type: "button", class: `md-button${i ? "" : " md-button--primary"}`, "data-choice": choice.id }, choice.label);
      button.disabled = i > 0;
      button.addEventListener("click", () => done(choice.id));
      return button;
    });
    const guardKeys = (event) => {
      if (performance.now() - shownAt < GUARD_MS && ["Enter", " ", "Spacebar"].includes(event.key)) event.preventDefault();
    };
    const timer = setTimeout(() => buttons.forEach((button) => (button.disabled = false)), GUARD_MS);
    const done = (id) => {
      prompt.hidden = true;
      prompt.replaceChildren();
      clearTimeout(timer);
      for (const type of ["keydown", "keyup"]) prompt.removeEventListener(type, guardKeys, true);
      prompt._candorCancel = null;
      if (prompt._candorOpen === question) prompt._candorOpen = null;
      resolve(id);
    };
    prompt._candorCancel = () => done(null);
    prompt.setAttribute("aria-labelledby", textId);
    prompt.replaceChildren(el("p", { id: textId, "data-candor-prompt-text": "" }, text), el("div", { class: "candor-prompt-choices" }, ...buttons));
    for (const type of ["keydown", "keyup"]) prompt.addEventListener(type, guardKeys, true);
    prompt.hidden = false;
    reveal(prompt); // below Material's sticky header, never under it
    buttons[0].focus({ preventScroll: true });
  });
  prompt._candorOpen = question; // the question on show, until it is answered or replaced
  return question;
}

/**
 * Like ask, but a question that must be answered: when another question takes the prompt, this one is asked
 * again once that one is answered. Resolves to null only when `stale()` says a newer question of the same kind
 * replaced it.
 */
export async function askUntilAnswered(prompt, text, choices, stale) {
  for (;;) {
    const choice = await ask(prompt, text, choices);
    if (stale()) return null;
    if (choice !== null) return choice;
    while (prompt._candorOpen) await prompt._candorOpen; // the other question, until it is answered
    if (stale()) return null;
  }
}
