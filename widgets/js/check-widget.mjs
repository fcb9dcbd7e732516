// @ts-check
// One check widget: restore saved answers, score on every change through the engine, keep, share, report. The
// parts: its storage (check-storage.mjs), its live state (check-scoring.mjs), keep and share (check-keep.mjs) and
// its own wording (check-wording.mjs), on the shell every widget shares (widget-shell.mjs).
import { wireCampaign } from "./campaign.mjs";
import { wireCheckKeep } from "./check-keep.mjs";
import { bringForward, watchOtherTabs } from "./check-saved.mjs";
import { askConflicts, watchSharedTabs } from "./check-shared.mjs";
import { checkScoring } from "./check-scoring.mjs";
import { checkStorage } from "./check-storage.mjs";
import { SOURCES, statusText, unchanged } from "./check-wording.mjs";
import { keepExclusive, readAnswers } from "./form.mjs";
import * as keep from "./keep.mjs";
import { followEngine, shellOf, whenLoaded } from "./widget-shell.mjs";

/**
 * @param {HTMLElement} widget a [data-candor-check] element, as the build rendered it (widgets/sitebuild/forms.py)
 * @param {import("./engine.mjs").Engine} engine
 */
export function wireCheck(widget, engine) {
  const check = widget.dataset.candorCheck ?? "";
  const version = Number(widget.dataset.candorVersion);
  const form = /** @type {HTMLFormElement} */ (widget.querySelector("form"));
  const prompt = /** @type {HTMLElement} */ (widget.querySelector("[data-candor-prompt]"));
  const { say, status } = shellOf(widget);

  // 1. Restore what this browser saved, straight away: it must survive a failed engine too.
  const { store, restored, renderAside, persist, pause, conflicts } = checkStorage({ widget, check, version, form, say });

  const stop = followEngine(widget, engine, {
    waiting: (state) => (status.textContent = statusText(state)),
    failed(state) {
      status.textContent = statusText(state);
      widget.classList.remove("candor-live");
    },
  });

  const scoring = checkScoring({ widget, engine, check, form, status });
  const update = scoring.update;
  keepExclusive(form); // first: what is saved and scored never combines an exclusive choice with another
  form.addEventListener("change", () => {
    const answers = readAnswers(form);
    persist(answers); // saved even while the engine is starting or has failed
    if (scoring.live) update(answers);
  });
  wireCampaign(form, persist, say);
  const bringIn = wireCheckKeep({ widget, engine, check, version, form, prompt, say, persist, update });

  // A share link is read at once: a damaged one is said straight away, in view, not once the checker has started.
  const shared = keep.sharedFromLocation(widget);
  if (shared?.error) {
    keep.dropShareFragment();
    say(`${shared.error} ${unchanged(readAnswers(form))}`, "error", shared.detail);
  }

  watchOtherTabs({ widget, store, form, prompt, say, persist, update, pause });
  // Answers another check saved that differ from this page's: asked about, never resolved silently.
  const changed = () => {
    const answers = readAnswers(form);
    persist(answers);
    if (scoring.live) update(answers);
  };
  askConflicts({ form, prompt, say, changed }, conflicts);
  watchSharedTabs({ widget, form, prompt, say, changed });

  whenLoaded(
    engine,
    engine.load(check),
    async () => {
      widget.classList.add("candor-live");
      scoring.live = true;
      await update();
      for (const text of restored.pending) {
        await bringForward({ store, check, version, form, engine, prompt, say, persist, update }, text);
        renderAside();
      }
      if (shared?.text !== undefined) {
        keep.dropShareFragment();
        await bringIn(shared.text, SOURCES.share());
      }
    },
    () => {
      stop();
      if (shared?.text !== undefined) say(`This link holds shared answers, but they cannot be checked because the checker could not start. ${unchanged(readAnswers(form))} Reload the page to try again.`, "error");
    },
  );
}
