// The inline prompt before anything a reader entered is replaced or removed (accessible, no modal).
// The first choice is always the safe one and gets the focus, so a stray Space or Enter (paging down, typing
// in another frame) cannot replace anything. For a moment after the prompt appears, key presses on it are
// ignored and the other choices are disabled, so a key press or click already on its way does not answer a
// question the reader has not seen.
import { el } from "./dom.mjs";

export const GUARD_MS = 700;

/** The prompt container of a widget: its rendered [data-candor-prompt], or one made before `before`. */
export function promptIn(widget, before) {
  let prompt = widget.querySelector("[data-candor-prompt]");
  if (!prompt) {
    prompt = el("div", { class: "candor-prompt", "data-candor-prompt": "", role: "group" });
    prompt.hidden = true;
    before.before(prompt);
  }
  return prompt;
}

/**
 * Show `text` with one button per choice ({id, label}); the first choice is the safe one. Resolves to the id
 * of the choice made. A newer question replaces an unanswered one, which then resolves to null.
 */
export function ask(prompt, text, choices) {
  prompt._candorCancel?.();
  return new Promise((resolve) => {
    const shownAt = performance.now();
    const textId = `${prompt.closest("[id]")?.id || "candor"}-prompt-text`;
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
      resolve(id);
    };
    prompt._candorCancel = () => done(null);
    prompt.setAttribute("aria-labelledby", textId);
    prompt.replaceChildren(el("p", { id: textId, "data-candor-prompt-text": "" }, text), el("div", { class: "candor-prompt-choices" }, ...buttons));
    for (const type of ["keydown", "keyup"]) prompt.addEventListener(type, guardKeys, true);
    prompt.hidden = false;
    prompt.scrollIntoView({ block: "center" });
    buttons[0].focus({ preventScroll: true });
  });
}
