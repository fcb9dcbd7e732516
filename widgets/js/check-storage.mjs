// @ts-check
// A check's answers in this browser: restored at once (before the engine, which may never start), saved on every
// change, paused while another tab's change waits for the reader, never saved over what could not go aside.
import { asidePanel, wireAside } from "./aside.mjs";
import { campaignToSave, markRefused } from "./campaign.mjs";
import { restoreSaved } from "./check-saved.mjs";
import { fillShared } from "./check-shared.mjs";
import { readAnswers } from "./form.mjs";
import * as keep from "./keep.mjs";
import { notSaved, storeFor } from "./store.mjs";

/**
 * Restore what this browser saved for the check on `form`, and return how to save: `persist(answers)` saves
 * the answers (read from the form once per change; an empty form removes the saved set), `pause(on)` holds
 * saving while a question waits, `restored` lists older sets waiting for the engine, `renderAside` redraws
 * the kept-aside panel, `conflicts` the answers another check saved that differ from this form's (check-shared.mjs).
 * @param {{ widget: HTMLElement, check: string, version: number, form: HTMLFormElement, say: import("./messages.mjs").Say }} check
 */
export function checkStorage({ widget, check, version, form, say }) {
  const store = storeFor(widget);
  // What cannot be used as it is goes aside first, so nothing saved below can overwrite it.
  const restored = restoreSaved(store, check, version, form);
  const refusal = markRefused(form); // details saved before the engine refused their characters
  // The answers other checks saved to this check's questions: the same campaign, answered wherever it was.
  const shared = fillShared(widget, form);
  const notices = [restored.notice, shared.notice, refusal].filter(Boolean);
  if (notices.length) say(notices.join(" "), refusal ? "error" : "warn");
  const renderAside = wireAside(widget, asidePanel(widget), { store, id: check, what: "Answers", current: version, say });
  let paused = false; // while another tab's change waits for the reader's choice (the question says so)
  /** A campaign detail the engine would refuse is not saved: the last one saved stays (campaign.mjs says so).
   *  @param {import("./bridge-replies.mjs").Answers} [answers] */
  const persist = (answers = readAnswers(form)) => {
    if (paused) return;
    if (restored.locked) return say.unlessShown(restored.notice ?? "", "warn"); // never saved over what could not go aside
    const campaign = campaignToSave(form, store.load().envelope?.campaign);
    const ok = store.save(keep.hasContent(answers, campaign) ? keep.envelope(check, version, answers, campaign) : null);
    if (!ok) say.unlessShown(notSaved(store.refused), "warn");
  };
  /** @param {boolean} on */
  const pause = (on) => {
    paused = on;
  };
  if (shared.filled) persist(); // said if it fails; the other checks keep their own sets either way
  return { store, restored, renderAside, persist, pause, conflicts: shared.conflicts };
}
