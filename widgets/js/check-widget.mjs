// One check widget: restore saved answers, score on every change through the engine, keep, share, report.
import { wireAside, asidePanel } from "./aside.mjs";
import { applyCampaign, readCampaign, renderPrint, wireCampaign } from "./campaign.mjs";
import { bringForward, restoreSaved, watchOtherTabs } from "./check-saved.mjs";
import { applyAnswers, applyVisibility, readAnswers, sameAnswer, showProgress } from "./form.mjs";
import * as keep from "./keep.mjs";
import { ask } from "./prompt.mjs";
import { SITE_ROOT, renderMessage, renderResult } from "./render.mjs";

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
  share: { the: "the shared answers", The: "The shared answers", were: "were", use: "Use the shared answers" },
  file: { the: "the imported file", The: "The imported file", were: "was", use: "Use the imported answers" },
};

export function wireCheck(widget, engine) {
  const check = widget.dataset.candorCheck;
  const version = Number(widget.dataset.candorVersion);
  const form = widget.querySelector("form");
  const status = widget.querySelector('[role="status"]');
  const progress = widget.querySelector("[data-candor-progress]");
  const result = widget.querySelector(".candor-result");
  const body = widget.querySelector(".candor-result-body");
  const notice = widget.querySelector("[data-candor-notice]");
  const prompt = widget.querySelector("[data-candor-prompt]");
  const fileInput = widget.querySelector("[data-candor-file]");
  widget.dataset.candorState = "loading";

  const say = (text, tone = "info") => {
    notice.replaceChildren();
    if (!text) return;
    const p = document.createElement("p");
    p.className = `candor-message candor-message--${tone}`;
    if (tone === "error") p.setAttribute("role", "alert");
    p.textContent = text; // messages may quote what a user supplied: text only, never markup
    notice.append(p);
  };

  // 1. Restore what this browser saved, straight away: it must survive a failed engine too. What cannot be
  //    used as it is goes aside first, so nothing saved below can overwrite it.
  const restored = restoreSaved(widget, check, version, form);
  if (restored.notice) say(restored.notice, "warn");
  applyCampaign(form, keep.loadSaved(check, widget).envelope?.campaign);
  const aside = asidePanel(widget);
  const renderAside = wireAside(widget, aside, { id: check, what: "Answers", current: version, say });
  let paused = false;
  let full = false;
  const persist = () => {
    if (restored.locked || paused) return;
    const ok = keep.save(check, version, readAnswers(form), readCampaign(form));
    if (!ok && !full) say(keep.STORAGE_FULL, "warn");
    full = !ok;
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
  async function update() {
    const mine = ++latest;
    const answers = readAnswers(form);
    const reply = await engine.call({ op: "evaluate", check, answers, today: new Date().toLocaleDateString("en-CA") });
    if (mine !== latest || !widget.isConnected) return; // a newer change superseded this one
    result.hidden = false;
    if (!reply.ok) {
      renderMessage(body, `The answers could not be scored: ${reply.error.message}`, "error");
      return;
    }
    const r = reply.result;
    applyVisibility(form, r.visible);
    showProgress(progress, r.completeness);
    renderResult(body, r);
    renderPrint(widget, form, r);
    status.textContent =
      r.verdict === null
        ? "Ready. The result appears as you answer."
        : `Result: ${r.verdict_label}${r.provisional ? " (provisional)" : ""}. ${r.completeness.answered} of ${r.completeness.visible} answered.`;
    if (widget.dataset.candorState !== "ready") widget.dataset.candorReadyAt = String(Math.round(performance.now()));
    widget.dataset.candorState = "ready";
    widget.dataset.candorUpdates = String(++updates);
  }
  form.addEventListener("change", persist); // saved even while the engine is starting or has failed
  wireCampaign(form, persist);

  /** Validate answers text with the engine, then (after asking, if the user has answers) replace the form's. */
  async function bringIn(text, kind) {
    const source = SOURCES[kind];
    if (engine.state.failed) {
      say(`${source.The} cannot be checked because the checker is not running. Nothing was changed.`, "error");
      return;
    }
    const reply = await engine.call({ op: "read", check, text });
    if (!reply.ok) {
      say(`${source.The} ${source.were} not used: ${reply.error.message} Nothing was changed.`, "error");
      return;
    }
    const current = readAnswers(form);
    const incoming = reply.result.envelope.answers;
    const ids = Object.keys(current);
    if (ids.length) {
      const differ = ids.filter((id) => !(id in incoming) || !sameAnswer(current[id], incoming[id])).length;
      const choice = await ask(
        prompt,
        `Replace your ${ids.length === 1 ? "answer" : `${ids.length} answers`} on this check with the ${Object.keys(incoming).length} in ${source.the}? ` +
          `${differ} of yours ${differ === 1 ? "differs" : "differ"} from them and would be lost unless you export yours first.`,
        [{ id: "keep", label: "Keep my answers" }, { id: "use", label: source.use }],
      );
      if (choice !== "use") {
        say(`Kept your answers; ${source.the} ${source.were} not used.`);
        return;
      }
    }
    applyAnswers(form, incoming);
    if (reply.result.envelope.campaign) applyCampaign(form, reply.result.envelope.campaign);
    persist();
    await update();
    say([`Loaded ${source.the}.`, ...reply.result.notes].join(" "));
  }

  const actions = {
    export() {
      const data = keep.envelope(check, version, readAnswers(form), readCampaign(form));
      keep.download(`candor-${check}-answers-${keep.today()}.json`, `${JSON.stringify(data, null, 2)}\n`, "application/json");
      say("Exported your answers as a JSON file.");
    },
    import() {
      fileInput.value = "";
      fileInput.click();
    },
    async report() {
      const reply = await engine.call({ op: "report", check, answers: readAnswers(form), campaign: readCampaign(form), date: keep.today(), base_url: SITE_ROOT.href });
      if (!reply.ok) return say(`The report could not be made: ${reply.error.message}`, "error");
      keep.download(`candor-${check}-report-${keep.today()}.md`, reply.result, "text/markdown");
      say("Downloaded the report (Markdown).");
    },
    async share() {
      say(await keep.offerShareLink(widget, keep.shareUrl(check, version, readAnswers(form), readCampaign(form))));
    },
    print() {
      window.print();
    },
    async clear() {
      const n = Object.keys(readAnswers(form)).length;
      if (!n) return say("There are no answers to clear.");
      const choice = await ask(prompt, `Clear ${n === 1 ? "your answer" : `all ${n} of your answers`} to this check in this browser? This cannot be undone; export them first to keep a copy.`, [
        { id: "keep", label: "Keep my answers" },
        { id: "clear", label: "Clear them" },
      ]);
      if (choice !== "clear") return;
      applyAnswers(form, {});
      applyCampaign(form, {});
      persist();
      if (!engine.state.failed) await update();
      say("Your answers were cleared.");
    },
  };
  for (const button of widget.querySelectorAll("[data-candor-action]")) {
    button.addEventListener("click", () => actions[button.dataset.candorAction]());
  }
  const readFile = async (file) => {
    if (!file) return;
    // The engine's own limit, rendered into the widget at build time: a huge file is refused before it is read.
    const limit = Number(widget.dataset.candorMaxBytes);
    if (file.size > limit) {
      say(`The file “${file.name}” is ${(file.size / 1048576).toFixed(1)} MB; a Candor answers file is at most ${limit / 1024} KB. Nothing was changed.`, "error");
      return;
    }
    // Strict UTF-8, as the engine reads bytes on the command line (file.text() would turn bad bytes into U+FFFD).
    let text;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      say(`The file “${file.name}” is not UTF-8 text, so it is not a Candor answers file (those are JSON or YAML files saved as UTF-8). Nothing was changed.`, "error");
      return;
    }
    await bringIn(text, "file");
  };
  fileInput.addEventListener("change", () => readFile(fileInput.files[0]));
  widget.addEventListener("dragover", (event) => event.preventDefault());
  widget.addEventListener("drop", (event) => {
    event.preventDefault();
    readFile(event.dataTransfer.files[0]);
  });
  widget.querySelector(".candor-keep").hidden = false;

  watchOtherTabs({ widget, check, form, prompt, say, persist, update, pause: (on) => (paused = on) });

  engine
    .load(check)
    .then(async (reply) => {
      if (!reply.ok) throw new Error(reply.error.message);
      widget.classList.add("candor-live");
      form.addEventListener("change", update);
      await update();
      for (const text of restored.pending) {
        await bringForward({ check, version, form, engine, prompt, say, persist, update }, text);
        renderAside();
      }
      const shared = keep.sharedFromLocation();
      if (shared) {
        keep.dropShareFragment();
        if (shared.error) say(`${shared.error} Nothing was changed.`, "error");
        else await bringIn(shared.text, "share");
      }
    })
    .catch((error) => {
      if (!engine.state.failed) engine.fail(String(error.message || error));
      stop();
      const shared = keep.sharedFromLocation();
      if (shared && !shared.framed) say("This link holds shared answers, but they cannot be checked because the checker could not start. Nothing was changed.", "error");
    });
}
