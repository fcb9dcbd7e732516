// @ts-nocheck: not yet typed for TypeScript's checker (tsconfig.json says how to start)
// One campaign's answers across checks. Each check saves its own set (check-storage.mjs); the checks ask the
// same questions of one bank, so a check's page brings over the answers to its questions that another check
// saved. A question left blank here is filled, and the page says so; an answer that differs from the one here
// is asked about, never resolved silently. The other checks, their keys, versions and titles are published
// by the build on the widget (data-candor-shared, widgets/sitebuild/forms.py): none is written here.
import { count } from "./check-saved.mjs";
import { applyAnswers, fitAnswers, questions, readAnswers, sameAnswer } from "./form.mjs";
import { askUntilAnswered } from "./prompt.mjs";
import { isObject, parseBounded } from "./store.mjs";

/** The other checks that ask some of this check's questions: [{check, key, version, title}]. */
export function sharers(widget) {
  const published = parseBounded(widget.dataset.candorShared ?? "{}", widget);
  return Object.entries(isObject(published) ? published : {}).map(([check, other]) => ({ check, ...other }));
}

/** Another check's saved set: {answers} (those this form asks), {unusable: "older" | "unreadable"}, or
 *  null when it saved nothing (or storage cannot be read: then this page cannot save either, and says so). */
function readOther(widget, form, other) {
  let text;
  try {
    text = localStorage.getItem(other.key);
  } catch {
    return null;
  }
  if (text === null) return null;
  const env = parseBounded(text, widget);
  const ours = isObject(env) && env.questionnaire === other.check && isObject(env.answers) && Number.isInteger(env.version);
  if (ours && env.version < other.version) return { unusable: "older" };
  if (!ours || env.version !== other.version) return { unusable: "unreadable" };
  return { answers: fitAnswers(form, env.answers).fits };
}

/** The titles of the other checks that saved answers in this browser (what a cleared check brings over again). */
export function savedElsewhere(widget) {
  return sharers(widget)
    .filter((other) => {
      try {
        return localStorage.getItem(other.key) !== null;
      } catch {
        return false;
      }
    })
    .map(from);
}

const from = (other) => `“${other.title}”`;
const joined = (parts) => (parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : parts[0] ?? "");

/**
 * Bring onto `form` the answers the other checks (all, or `only` the one with that key) saved to its
 * questions. Blank questions are filled at once; an answer that differs from the one here is returned as a
 * conflict to ask about (whenever the two checks differ: no choice is remembered behind the reader's back).
 * Returns {notice, filled, conflicts}.
 */
export function fillShared(widget, form, only = null) {
  const brought = [];
  const unusable = { older: [], unreadable: [] };
  const conflicts = [];
  for (const other of sharers(widget)) {
    if (only !== null && other.key !== only) continue;
    const saved = readOther(widget, form, other);
    if (!saved) continue;
    if (saved.unusable) {
      unusable[saved.unusable].push(from(other));
      continue;
    }
    const mine = readAnswers(form);
    const fills = Object.fromEntries(Object.entries(saved.answers).filter(([id]) => !(id in mine)));
    const differ = Object.fromEntries(
      Object.entries(saved.answers).filter(([id, value]) => id in mine && !sameAnswer(mine[id], value)),
    );
    if (Object.keys(fills).length) {
      applyAnswers(form, { ...mine, ...fills });
      brought.push({ n: Object.keys(fills).length, other });
    }
    if (Object.keys(differ).length) conflicts.push({ other, answers: differ });
  }
  const notice = [
    brought.length && `${brought.map((b, i) => `${count(b.n, "answer")}${i ? "" : b.n === 1 ? " was" : " were"} brought over from ${from(b.other)}`).join(", ")}, where you answered the same ${brought.length === 1 && brought[0].n === 1 ? "question" : "questions"}.`,
    unusable.older.length && `Your answers saved in ${joined(unusable.older)} are from an older version of that check: open it once to bring them up to date, and they are brought over here too.`,
    unusable.unreadable.length && `Your answers saved in ${joined(unusable.unreadable)} could not be read here (damaged, or from a newer version), so none were brought over: open that check to see them.`,
  ].filter(Boolean);
  return { notice: notice.join(" "), filled: brought.length > 0, conflicts };
}

const asking = {}; // by the other check's key: the newest difference asked about

/** The questions' texts, as the form shows them, for the ids given. */
const legends = (form, ids) =>
  questions(form)
    .filter((f) => ids.includes(f.dataset.question))
    .map((f) => `“${f.querySelector("legend").textContent.trim()}”`);

/**
 * Ask, one other check at a time, whether to keep this page's answers or use the other check's, where they
 * differ. Until the reader chooses, this page keeps (and saves) its own; `changed()` saves and scores the form.
 * A question another question replaces comes back once that one is answered (askUntilAnswered).
 */
export async function askConflicts({ form, prompt, say, changed }, conflicts) {
  for (const { other, answers } of conflicts) {
    const mine = (asking[other.key] = (asking[other.key] ?? 0) + 1); // a newer difference from the same check asks instead
    const ids = Object.keys(answers);
    const n = ids.length;
    const choice = await askUntilAnswered(
      prompt,
      `${count(n, "answer")} on this page ${n === 1 ? "differs" : "differ"} from ${n === 1 ? "the one" : "those"} you saved in ${from(other)}, which asks the same ${n === 1 ? "question" : "questions"}: ${joined(legends(form, ids))}. ` +
        `Keep this page's ${n === 1 ? "answer" : "answers"}, or use ${n === 1 ? "the one" : "those"} from ${from(other)}? ${from(other)} keeps its own until you change ${n === 1 ? "it" : "them"} there.`,
      [
        { id: "mine", label: "Keep this page's answers" },
        { id: "theirs", label: `Use the answers from ${from(other)}` },
      ],
      () => mine !== asking[other.key] || !form.isConnected,
    );
    if (!form.isConnected) return;
    if (choice === null) continue; // a newer difference from that check is asked instead
    if (choice === "theirs") {
      applyAnswers(form, { ...readAnswers(form), ...answers });
      changed();
      say(`Used ${count(n, "answer")} from ${from(other)}.`);
    } else {
      say(`Kept this page's ${n === 1 ? "answer" : "answers"}. ${from(other)} keeps its own, so the two checks differ on ${n === 1 ? "this question" : "these questions"} and each asks again until they agree.`);
    }
  }
}

/** When another tab saves another check's answers, bring them over here too: blank questions filled and said,
 *  differences asked about (the same rules as when the page loads). */
export function watchSharedTabs({ widget, form, prompt, say, changed }) {
  const keys = new Set(sharers(widget).map((o) => o.key));
  window.addEventListener("storage", (event) => {
    if (!widget.isConnected || !keys.has(event.key)) return;
    const { notice, filled, conflicts } = fillShared(widget, form, event.key);
    if (filled) changed();
    if (notice) say(notice, "warn");
    if (conflicts.length) askConflicts({ form, prompt, say, changed }, conflicts);
  });
}
