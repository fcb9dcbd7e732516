// @ts-check
// What a check widget says in its own words: its status line, where outside answers come from, and the questions
// it asks before it replaces or clears the reader's answers. The result's own wording is the engine's (render.mjs).
import { naming } from "./check-saved.mjs";
import { sameCampaign } from "./campaign.mjs";
import { sameAnswer } from "./form.mjs";

/** @typedef {import("./bridge-replies.mjs").Answers} Answers */
/** @typedef {Record<string, string>} Campaign */

/**
 * The status line while the engine starts, or once it has failed.
 * @param {import("./engine.mjs").EngineState} state
 */
export function statusText(state) {
  if (state.failed && state.afterReady) {
    return `The live checker stopped working (${state.reason}). Your answers are kept: you can still answer, print and export them. Reload the page to start it again.`;
  }
  if (state.failed) {
    return `The live checker could not start (${state.reason}). The questions still work: you can read, answer, print and export them.`;
  }
  return state.message;
}

/**
 * The status line once the engine has scored the answers.
 * @param {import("./bridge-replies.mjs").CheckResult} r
 */
export const resultStatus = (r) =>
  r.verdict === null
    ? "Ready. The result appears as you answer."
    : `Result: ${r.verdict_label}${r.provisional ? " (provisional)" : ""}. ${r.completeness.answered} of ${r.completeness.visible} answered.`;

/** @typedef {{ the: string, from: string, loaded: string, failed: string, use: string }} Source */

/** Where outside answers come from, as the messages name them. */
export const SOURCES = {
  /** @returns {Source} */
  share: () => ({ the: "the shared answers", from: "the share link", loaded: "Loaded the shared answers.", failed: "The answers in this share link could not be used.", use: "Use the shared answers" }),
  /** @param {string} name @returns {Source} */
  file: (name) => ({ the: `the answers in “${name}”`, from: `the file “${name}”`, loaded: `Loaded the imported file “${name}”.`, failed: `The file “${name}” could not be used.`, use: "Use the imported answers" }),
};

/**
 * What was kept when outside answers are refused, in words.
 * @param {Answers} answers the answers on the form
 */
export const unchanged = (answers) => (Object.keys(answers).length ? "Your answers on this page are unchanged." : "Nothing on this page was changed.");

/**
 * The question asked before outside answers replace the reader's: null when nothing of theirs would be lost.
 * Campaign details are the reader's too: asked about and named like the answers.
 * @param {{ answers: Answers, details: Campaign }} mine
 * @param {{ answers: Answers, details: Campaign }} theirs
 * @param {Source} source
 * @returns {{ question: string, kept: string } | null}
 */
export function replaceQuestion(mine, theirs, source) {
  const ids = Object.keys(mine.answers);
  const detailsLost = Object.keys(mine.details).length > 0 && !sameCampaign(mine.details, theirs.details);
  if (!ids.length && !detailsLost) return null;
  const differ = ids.filter((id) => !(id in theirs.answers) || !sameAnswer(mine.answers[id], theirs.answers[id])).length;
  const yours = ids.length ? `your ${ids.length === 1 ? "answer" : `${ids.length} answers`}${detailsLost ? " and campaign details" : ""}` : "your campaign details";
  const incoming = Object.keys(theirs.details).length ? naming(Object.keys(theirs.answers).length, true, { the: true }) : `the ${Object.keys(theirs.answers).length}`;
  const differs = `${differ} of yours ${differ === 1 ? "differs" : "differ"} from them`;
  const lost = !detailsLost
    ? `${differs} and would be lost unless you export yours first.`
    : ids.length
      ? `${differs}, and so do your campaign details: they would be lost unless you export yours first.`
      : "Your campaign details differ from them and would be lost unless you export them first.";
  return {
    question: `Replace ${yours} on this check with ${incoming} from ${source.from}? ${lost}`,
    kept: `Kept your answers${Object.keys(mine.details).length ? " and campaign details" : ""}; ${source.the} were not used.`,
  };
}

/**
 * The question asked before clearing the check, and what is said once it is cleared: null when there is nothing
 * to clear.
 * @param {number} n how many answers the form holds
 * @param {boolean} details whether it holds campaign details
 * @returns {{ question: string, cleared: string } | null}
 */
export function clearQuestion(n, details) {
  if (!n && !details) return null;
  const answers = n ? (n === 1 ? "your answer" : `all ${n} of your answers`) : "";
  const what = details ? (answers ? `${answers} and the campaign details` : "the campaign details") : answers;
  return {
    question: `Clear ${what} to this check in this browser? This cannot be undone; export them first to keep a copy.`,
    cleared: details ? "Your answers and campaign details were cleared." : "Your answers were cleared.",
  };
}
