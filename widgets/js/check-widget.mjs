// One check widget: restore saved answers, score on every change through the engine, keep, share, report.
import { wireAside, asidePanel } from "./aside.mjs";
import { applyCampaign, campaignToSave, markRefused, readCampaign, renderPrint, sameCampaign, wireCampaign } from "./campaign.mjs";
import { bringForward, naming, restoreSaved, watchOtherTabs } from "./check-saved.mjs";
import { applyAnswers, applyVisibility, keepExclusive, readAnswers, sameAnswer, showProgress } from "./form.mjs";
import * as keep from "./keep.mjs";
import { SITE_ROOT } from "./links.mjs";
import { messenger } from "./messages.mjs";
import { ask } from "./prompt.mjs";
import { renderMessage, renderResult } from "./render.mjs";
import { resultInView } from "./result-in-view.mjs";
import { notSaved, storeFor } from "./store.mjs";

function statusText(state) {
  if (state.failed && state.afterReady) {
    return `The live checker stopped working (${state.reason}). Your answers are kept: you can still answer, print and export them. Reload the page to start it again.`;
  }
  if (state.failed) {
    return `The live checker could not start (${state.reason}). The questions still work: you can read, answer, print and export them.`;
  }
  return state.message;
}

// Where outside answers come from, as the messages name them.
const SOURCES = {
  share: () => ({ the: "the shared answers", from: "the share link", loaded: "Loaded the shared answers.", failed: "The answers in this share link could not be used.", use: "Use the shared answers" }),
  file: (name) => ({ the: `the answers in “${name}”`, from: `the file “${name}”`, loaded: `Loaded the imported file “${name}”.`, failed: `The file “${name}” could not be used.`, use: "Use the imported answers" }),
};

export function wireCheck(widget, engine) {
  const check = widget.dataset.candorCheck;
  const version = Number(widget.dataset.candorVersion);
  const form = widget.querySelector("form");
  const status = widget.querySelector('[role="status"]');
  const progress = widget.querySelector("[data-candor-progress]");
  const result = widget.querySelector(".candor-result");
  const body = widget.querySelector(".candor-result-body");
  const prompt = widget.querySelector("[data-candor-prompt]");
  const fileInput = widget.querySelector("[data-candor-file]");
  widget.dataset.candorState = "loading";

  const say = messenger(widget);
  const showInView = resultInView(widget, form);
  const store = storeFor(widget);

  // 1. Restore what this browser saved, straight away: it must survive a failed engine too. What cannot be
  //    used as it is goes aside first, so nothing saved below can overwrite it.
  const restored = restoreSaved(store, check, version, form);
  const refusal = markRefused(form); // details saved before the engine refused their characters
  if (restored.notice || refusal) say([restored.notice, refusal].filter(Boolean).join(" "), refusal ? "error" : "warn");
  const aside = asidePanel(widget);
  const renderAside = wireAside(widget, aside, { store, id: check, what: "Answers", current: version, say });
  let paused = false; // while another tab's change waits for the reader's choice (the question says so)
  /** Save the answers (read from the form once per change); an empty form removes the saved set. A campaign
   *  detail the engine would refuse is not saved: the last one saved stays (campaign.mjs says so). */
  const persist = (answers = readAnswers(form)) => {
    if (paused) return;
    if (restored.locked) return say.unlessShown(restored.notice, "warn"); // never saved over what could not go aside
    const campaign = campaignToSave(form, store.load().envelope?.campaign);
    const ok = store.save(keep.hasContent(answers, campaign) ? keep.envelope(check, version, answers, campaign) : null);
    if (!ok) say.unlessShown(notSaved(store.refused), "warn");
  };

  const stop = engine.subscribe((state) => {
    if (!widget.isConnected) return;
    widget.dataset.candorStage = state.stage;
    if (state.stage === "ready" && engine.info) widget.dataset.candorBoot = engine.info.info.boot;
    if (state.stage !== "ready") status.textContent = statusText(state);
    if (state.failed) {
      widget.dataset.candorState = "failed";
      widget.classList.remove("candor-live");
    }
  });

  let latest = 0;
  let updates = 0;
  async function update(answers = readAnswers(form)) {
    const mine = ++latest;
    const reply = await engine.call({ op: "evaluate", check, answers, today: new Date().toLocaleDateString("en-CA") });
    if (mine !== latest || !widget.isConnected) return; // a newer change superseded this one
    result.hidden = false;
    if (!reply.ok) {
      renderMessage(body, `The answers could not be scored. ${reply.error.message}`, "error");
      showInView(null);
      return;
    }
    const r = reply.result;
    applyVisibility(form, r.visible);
    showProgress(progress, r.completeness);
    renderResult(body, r);
    renderPrint(widget, form, r);
    showInView(r);
    status.textContent =
      r.verdict === null
        ? "Ready. The result appears as you answer."
        : `Result: ${r.verdict_label}${r.provisional ? " (provisional)" : ""}. ${r.completeness.answered} of ${r.completeness.visible} answered.`;
    if (widget.dataset.candorState !== "ready") widget.dataset.candorReadyAt = String(Math.round(performance.now()));
    widget.dataset.candorState = "ready";
    widget.dataset.candorUpdates = String(++updates);
  }
  keepExclusive(form); // first: what is saved and scored never combines an exclusive choice with another
  let live = false; // scored on every change once the engine has loaded the check
  form.addEventListener("change", () => {
    const answers = readAnswers(form);
    persist(answers); // saved even while the engine is starting or has failed
    if (live) update(answers);
  });
  wireCampaign(form, persist, say);

  /** What was kept when outside answers are refused, in words. */
  const unchanged = () => (Object.keys(readAnswers(form)).length ? "Your answers on this page are unchanged." : "Nothing on this page was changed.");

  /** Validate answers text with the engine, then (after asking, if the user has answers) replace the form's. */
  async function bringIn(text, source) {
    if (engine.state.failed) {
      say(`${source.failed} The checker is not running, so they cannot be checked. ${unchanged()} Reload the page to start the checker again.`, "error");
      return;
    }
    const reply = await engine.call({ op: "read", check, text });
    if (!reply.ok) {
      say(`${source.failed} ${reply.error.message} ${unchanged()}`, "error", reply.error.detail);
      return;
    }
    const current = readAnswers(form);
    const incoming = reply.result.envelope.answers;
    const details = readCampaign(form);
    const incomingDetails = reply.result.envelope.campaign || {};
    const ids = Object.keys(current);
    const detailsLost = Object.keys(details).length > 0 && !sameCampaign(details, incomingDetails);
    if (ids.length || detailsLost) {
      // Campaign details are the reader's too: asked about and named like the answers.
      const differ = ids.filter((id) => !(id in incoming) || !sameAnswer(current[id], incoming[id])).length;
      const yours = ids.length ? `your ${ids.length === 1 ? "answer" : `${ids.length} answers`}${detailsLost ? " and campaign details" : ""}` : "your campaign details";
      const theirs = Object.keys(incomingDetails).length ? naming(Object.keys(incoming).length, true, { the: true }) : `the ${Object.keys(incoming).length}`;
      const differs = `${differ} of yours ${differ === 1 ? "differs" : "differ"} from them`;
      const lost = !detailsLost
        ? `${differs} and would be lost unless you export yours first.`
        : ids.length
          ? `${differs}, and so do your campaign details: they would be lost unless you export yours first.`
          : "Your campaign details differ from them and would be lost unless you export them first.";
      const choice = await ask(prompt, `Replace ${yours} on this check with ${theirs} from ${source.from}? ${lost}`, [
        { id: "keep", label: "Keep my answers" },
        { id: "use", label: source.use },
      ]);
      if (choice !== "use") {
        say(`Kept your answers${Object.keys(details).length ? " and campaign details" : ""}; ${source.the} were not used.`);
        return;
      }
    }
    applyAnswers(form, incoming);
    applyCampaign(form, incomingDetails); // the engine has read them: no character it refuses
    const answers = readAnswers(form);
    persist(answers);
    await update(answers);
    say([source.loaded, ...reply.result.notes].join(" "), "info", "", { reveal: true });
  }

  /** Export, share and report carry what the engine would read back: a detail it refuses stops them, said. */
  const stopped = (nothing) => {
    const refusal = markRefused(form);
    if (refusal) say(`${refusal} ${nothing}`, "error");
    return Boolean(refusal);
  };
  const actions = {
    export() {
      if (stopped("Nothing was exported.")) return;
      const data = keep.envelope(check, version, readAnswers(form), readCampaign(form));
      keep.download(`candor-${check}-answers-${keep.today()}.json`, `${JSON.stringify(data, null, 2)}\n`, "application/json");
      say("Exported your answers as a JSON file.");
    },
    import() {
      fileInput.value = "";
      fileInput.click();
    },
    async report() {
      if (stopped("No report was made.")) return;
      const reply = await engine.call({ op: "report", check, answers: readAnswers(form), campaign: readCampaign(form), date: keep.today(), base_url: SITE_ROOT.href });
      if (!reply.ok) return say(`The report could not be made. ${reply.error.message} Your answers are unchanged.`, "error", reply.error.detail);
      keep.download(`candor-${check}-report-${keep.today()}.md`, reply.result, "text/markdown");
      say("Downloaded the report (Markdown).");
    },
    async share() {
      if (stopped("No share link was made.")) return;
      say(await keep.offerShareLink(widget, keep.shareUrl(widget, check, version, readAnswers(form), readCampaign(form))));
    },
    print() {
      window.print();
    },
    async clear() {
      const n = Object.keys(readAnswers(form)).length;
      const details = Object.keys(readCampaign(form)).length > 0;
      if (!n && !details) return say("There are no answers to clear.");
      const answers = n ? (n === 1 ? "your answer" : `all ${n} of your answers`) : "";
      const what = details ? (answers ? `${answers} and the campaign details` : "the campaign details") : answers;
      const choice = await ask(prompt, `Clear ${what} to this check in this browser? This cannot be undone; export them first to keep a copy.`, [
        { id: "keep", label: "Keep my answers" },
        { id: "clear", label: "Clear them" },
      ]);
      if (choice !== "clear") return;
      applyAnswers(form, {});
      applyCampaign(form, {});
      persist();
      if (!engine.state.failed) await update();
      say(details ? "Your answers and campaign details were cleared." : "Your answers were cleared.");
    },
  };
  for (const button of widget.querySelectorAll("[data-candor-action]")) {
    button.addEventListener("click", () => actions[button.dataset.candorAction]());
  }
  const readFile = async (file) => {
    if (!file) return;
    // The engine's own limit, rendered into the widget at build time: a huge file is refused before it is read.
    const read = await keep.readTextFile(file, Number(widget.dataset.candorMaxBytes));
    if (read.error) say(`${read.error} ${unchanged()}`, "error");
    else await bringIn(read.text, SOURCES.file(file.name));
  };
  fileInput.addEventListener("change", () => readFile(fileInput.files[0]));
  widget.addEventListener("dragover", (event) => event.preventDefault());
  widget.addEventListener("drop", (event) => {
    event.preventDefault();
    readFile(event.dataTransfer.files[0]);
  });
  widget.querySelector(".candor-keep").hidden = false;

  // A share link is read at once: a damaged one is said straight away, in view, not once the checker has started.
  const shared = keep.sharedFromLocation(widget);
  if (shared?.error) {
    keep.dropShareFragment();
    say(`${shared.error} ${unchanged()}`, "error", shared.detail);
  }

  watchOtherTabs({ widget, store, form, prompt, say, persist, update, pause: (on) => (paused = on) });

  engine
    .load(check)
    .then(async (reply) => {
      if (!reply.ok) throw new Error(reply.error.message);
      widget.classList.add("candor-live");
      live = true;
      await update();
      for (const text of restored.pending) {
        await bringForward({ store, check, version, form, engine, prompt, say, persist, update }, text);
        renderAside();
      }
      if (shared?.text !== undefined) {
        keep.dropShareFragment();
        await bringIn(shared.text, SOURCES.share());
      }
    })
    .catch((error) => {
      if (!engine.state.failed) engine.fail(String(error.message || error));
      stop();
      if (shared?.text !== undefined) say(`This link holds shared answers, but they cannot be checked because the checker could not start. ${unchanged()} Reload the page to try again.`, "error");
    });
}
