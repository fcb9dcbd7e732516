// @ts-nocheck: not yet typed for TypeScript's checker (tsconfig.json says how to start)
// A check's saved answers across versions and tabs. Nothing a reader saved is overwritten or deleted until
// they decide: a set the page cannot use as it is goes aside first (store.mjs), an older one comes back once
// the engine has migrated it, and the reader chooses when the form changed meanwhile. Campaign details are
// kept exactly like the answers: restored, set aside, brought forward and named in every question with them.
import { applyCampaign, readCampaign, sameCampaign } from "./campaign.mjs";
import { applyAnswers, fitAnswers, readAnswers, sameAnswer } from "./form.mjs";
import { envelope } from "./keep.mjs";
import { parseBounded } from "./store.mjs";
import { ask, askUntilAnswered } from "./prompt.mjs";

export const count = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const has = (campaign) => Object.keys(campaign || {}).length > 0;

/** What a question is about: "2 answers and the campaign details", "the campaign details", "1 answer"
 *  (`the`: "the 2 answers…"). One place for the words every question and message uses. */
export function naming(n, details, { noun = "answer", the = false } = {}) {
  const what = n ? `${the ? "the " : ""}${count(n, noun)}` : "";
  if (!details) return what;
  return what ? `${what} and the campaign details` : "the campaign details";
}

function moveAside(store, text, reason, details, notice) {
  if (store.putAside(text, reason, details) && store.remove()) return { notice };
  return {
    locked: true,
    notice:
      "Your saved answers could not be set aside because this browser's storage is full, so changes on this page are not saved until there is room (they would replace the saved ones). Export your answers to keep a copy.",
  };
}

/**
 * Put what this browser saved on the form at once (the engine may never start). Returns {notice, locked,
 * pending}: `pending` lists older sets (text) waiting for the engine to bring them up to date.
 * @returns {{ notice?: string, locked?: boolean, pending: string[] }}
 */
export function restoreSaved(store, check, version, form) {
  const waiting = () => store.readAside().filter((e) => e.state === "waiting").map((e) => e.text);
  const saved = store.load();
  if (saved.unavailable) return { notice: "This browser does not let this site save, so answers will not be kept after you leave.", pending: [] };
  if (saved.text === null) return { pending: waiting() };
  const env = saved.envelope;
  const ours = env && env.questionnaire === check;
  const details = ours ? { version: env.version, ...(typeof env.saved_at === "string" ? { saved_at: env.saved_at } : {}) } : {};
  let out;
  if (ours && env.version === version) {
    const { fits, misfits } = fitAnswers(form, env.answers);
    applyAnswers(form, fits);
    applyCampaign(form, env.campaign); // the details come back with the answers, whole or set aside with them
    out = misfits.length
      ? moveAside(store, saved.text, "mismatch", details, `${count(misfits.length, "saved answer")} no longer ${misfits.length === 1 ? "matches" : "match"} this check's questions, so ${misfits.length === 1 ? "it is" : "they are"} not on the form. Your answers${has(env.campaign) ? " and campaign details" : ""} as they were saved are kept aside: export them or discard them.`)
      : {};
  } else if (ours && env.version < version) {
    out = moveAside(store, saved.text, "older", details, `Your saved answers${has(env.campaign) ? " and campaign details" : ""} are from version ${env.version} of this check. They come back once the checker has brought them up to version ${version}; until then they are kept aside, unchanged.`);
  } else if (ours && env.version > version) {
    out = moveAside(store, saved.text, "newer", details, `Your saved answers${has(env.campaign) ? " and campaign details" : ""} were made with version ${env.version} of this check, newer than the version ${version} on this site, so this page cannot read them. They are kept aside, unchanged: export them to keep a copy, or discard them.`);
  } else {
    out = moveAside(store, saved.text, "damaged", {}, "Your saved answers in this browser could not be read (the stored text is damaged). They are kept aside, unchanged: export them or discard them. The form starts empty.");
  }
  return { ...out, pending: waiting() };
}

/** Once the engine runs: migrate an older set and, if the form changed meanwhile, let the reader choose. */
export async function bringForward({ store, check, version, form, engine, prompt, say, persist, update }, text) {
  const reply = await engine.call({ op: "read", check, text });
  if (!reply.ok) {
    if (engine.state.failed) return; // still waiting: tried again on the next visit
    store.updateAside(text, { state: "kept" });
    say(`Your answers saved earlier in this browser could not be brought up to version ${version} of this check. ${reply.error.message} They are kept aside, unchanged: export them to keep a copy, or discard them.`, "warn", reply.error.detail);
    return;
  }
  const saved = reply.result.envelope.answers;
  const savedDetails = reply.result.envelope.campaign || {};
  const mine = readAnswers(form);
  const mineDetails = readCampaign(form);
  const conflicts = Object.keys(mine).filter((k) => k in saved && !sameAnswer(mine[k], saved[k]));
  const added = Object.keys(saved).filter((k) => !(k in mine));
  const onlyMine = Object.keys(mine).filter((k) => !(k in saved));
  const detailsDiffer = has(mineDetails) && !sameCampaign(mineDetails, savedDetails);
  const detailsAdded = Object.keys(savedDetails).some((k) => !(k in mineDetails));
  const identical = !conflicts.length && !added.length && !onlyMine.length && sameCampaign(mineDetails, savedDetails);
  const anyMine = Object.keys(mine).length > 0 || has(mineDetails);
  let choice = anyMine ? "merge" : "saved";
  if (anyMine && (conflicts.length || onlyMine.length || detailsDiffer)) {
    const choices = [{ id: "mine", label: "Keep my answers" }, { id: "saved", label: "Use the saved answers" }];
    const adds = added.length || detailsAdded;
    if (adds) choices.push({ id: "merge", label: conflicts.length || detailsDiffer ? "Merge: add the saved ones where they do not conflict" : "Add the saved answers to mine" });
    const losses = [
      conflicts.length && `replace ${count(conflicts.length, "answer")}`,
      onlyMine.length && `clear ${count(onlyMine.length, "answer")}`,
      detailsDiffer && "replace the campaign details",
    ].filter(Boolean);
    const adding = naming(added.length, detailsAdded, { noun: "saved answer" });
    choice = await ask(
      prompt,
      `Your answers${has(savedDetails) ? " and campaign details" : ""} saved earlier with an older version of this check (now brought up to date) differ from ${naming(Object.keys(mine).length, has(mineDetails), { the: true })} on the form. ` +
        `Using the saved answers would ${losses.join(" and ")} you gave here` +
        (adds ? `; merging adds ${adding} and keeps all of yours.` : "."),
      choices,
    );
    if (choice === null) return; // another question took the prompt: the set stays waiting for the next visit
  }
  if (choice === "saved" && anyMine) {
    store.putAside(JSON.stringify(envelope(check, version, mine, mineDetails)), "conflict", { version });
  }
  if (choice === "saved") {
    applyAnswers(form, saved);
    applyCampaign(form, savedDetails);
  } else if (choice === "merge") {
    applyAnswers(form, { ...saved, ...mine });
    applyCampaign(form, { ...savedDetails, ...mineDetails });
  }
  store.updateAside(text, { state: "kept" });
  persist();
  await update();
  const notes = reply.result.notes.join(" ");
  const kept = "Your answers as first saved stay kept aside until you discard them.";
  if (choice === "mine") say(`Kept the answers on the form; the saved ones were not used. ${kept}`);
  else if (identical) say(`${notes} The form already held the same answers. ${kept}`, "warn");
  else {
    const how = choice === "merge" && anyMine && (added.length || detailsAdded) ? ` Added ${naming(added.length, detailsAdded, { noun: "saved answer" })} to yours.` : "";
    const replaced = choice === "saved" && anyMine ? ` The ${has(mineDetails) ? "answers and campaign details" : "answers"} you had on the form are kept aside too.` : "";
    say(`${notes}${how}${replaced} ${kept}`, "warn");
  }
}

/** Say when another tab or window changes this check's saved answers (or campaign details), and let the reader
 *  choose. Until they do, saving is paused and the question says so; when another question takes the prompt,
 *  this one comes back once that is answered, so saving never stays paused unsaid. */
export function watchOtherTabs({ widget, store, form, prompt, say, persist, update, pause }) {
  let latest = 0;
  window.addEventListener("storage", async (event) => {
    if (!widget.isConnected || (event.key !== null && event.key !== store.savedKey)) return;
    const mine = ++latest;
    pause(true);
    const env = event.newValue ? parseBounded(event.newValue, widget) : null;
    const theirs = env && env.answers ? fitAnswers(form, env.answers).fits : {};
    const details = env && env.campaign && typeof env.campaign === "object" ? env.campaign : {};
    const choice = await askUntilAnswered(
      prompt,
      `Your answers and campaign details to this check were just ${Object.keys(theirs).length || has(details) ? "changed" : "cleared"} in another tab or window. ` +
        "Keep the answers and details on this page (they are saved again, replacing the other tab's), or load the other tab's here? " +
        "Until you choose, changes on this page are not saved.",
      [{ id: "mine", label: "Keep this page's answers" }, { id: "theirs", label: "Load the other tab's answers" }],
      () => mine !== latest, // a newer change in the other tab asks again
    );
    if (choice === null) return;
    pause(false);
    if (choice === "theirs") {
      applyAnswers(form, theirs);
      const refusal = applyCampaign(form, details);
      await update();
      say(refusal ? `Loaded the answers and campaign details from the other tab. ${refusal}` : "Loaded the answers and campaign details from the other tab.", refusal ? "error" : "info");
    } else {
      persist();
      say("Kept this page's answers and saved them again.");
    }
  });
}
