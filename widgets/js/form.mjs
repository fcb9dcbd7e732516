// @ts-nocheck: not yet typed for TypeScript's checker (tsconfig.json says how to start)
// Reading and writing answers on the static form, and showing what the engine says is visible.
// Answers use the one envelope format: {question id: option id | [option ids] | "na"}.

export function questions(form) {
  return [...form.querySelectorAll("fieldset[data-question]")];
}

export function readAnswers(form) {
  const answers = {};
  for (const fieldset of questions(form)) {
    const chosen = [...fieldset.querySelectorAll("input:checked")].map((input) => input.value);
    if (!chosen.length) continue;
    answers[fieldset.dataset.question] = fieldset.dataset.type === "multi" ? chosen : chosen[0];
  }
  return answers;
}

export function applyAnswers(form, answers) {
  for (const fieldset of questions(form)) {
    const value = answers[fieldset.dataset.question];
    const chosen = new Set(Array.isArray(value) ? value : value === undefined ? [] : [value]);
    for (const input of fieldset.querySelectorAll("input")) input.checked = chosen.has(input.value);
  }
}

/** Hide the questions the engine did not list as visible, and every area left with none (no heading or intro
 *  over nothing, on screen or in print); returns how many are visible. */
export function applyVisibility(form, visible) {
  const shown = new Set(visible);
  for (const fieldset of questions(form)) fieldset.hidden = !shown.has(fieldset.dataset.question);
  for (const area of form.querySelectorAll("[data-area]")) {
    area.hidden = !area.querySelector("fieldset[data-question]:not([hidden])");
  }
  return shown.size;
}

/** An option marked exclusive in the data (such as "No AI at all") stands alone: ticking it clears the other
 *  choices of its question, and ticking another choice clears it, before anything reads the answers (the
 *  engine refuses the combination, so the result would otherwise stop updating). Call before other listeners. */
export function keepExclusive(form) {
  form.addEventListener("change", (event) => {
    const input = event.target;
    if (input.type !== "checkbox" || !input.checked) return;
    const fieldset = input.closest("fieldset[data-question]");
    if (!fieldset) return;
    const others = [...fieldset.querySelectorAll("input:checked")].filter((other) => other !== input);
    for (const other of others) {
      if ("exclusive" in input.dataset || "exclusive" in other.dataset) other.checked = false;
    }
  });
}

export function showProgress(element, completeness) {
  element.textContent = `${completeness.answered} of ${completeness.visible} answered`;
}

/** Split saved answers into those the form can show and the ids of those it cannot (unknown question or option). */
export function fitAnswers(form, answers) {
  const fits = {};
  const misfits = [];
  for (const [id, value] of Object.entries(answers || {})) {
    const fieldset = questions(form).find((f) => f.dataset.question === id);
    const values = Array.isArray(value) ? value : [value];
    const options = fieldset ? new Set([...fieldset.querySelectorAll("input")].map((input) => input.value)) : null;
    const shapeOk = fieldset && (fieldset.dataset.type === "multi" || !Array.isArray(value)) && values.length > 0;
    if (shapeOk && values.every((v) => typeof v === "string" && options.has(v))) fits[id] = value;
    else misfits.push(id);
  }
  return { fits, misfits };
}

/** True when two answer sets hold the same choices. */
export function sameAnswer(a, b) {
  return JSON.stringify([a].flat().sort()) === JSON.stringify([b].flat().sort());
}
