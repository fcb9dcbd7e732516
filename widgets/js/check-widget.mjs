// One check widget: restore saved answers, score on every change through the engine, keep, share, report.
import { applyAnswers, applyVisibility, readAnswers, showProgress } from "./form.mjs";
import * as keep from "./keep.mjs";
import { SITE_ROOT, renderMessage, renderResult } from "./render.mjs";

function statusText(state) {
  if (state.failed) {
    return `The live checker could not start (${state.reason}). The questions still work: you can read, answer, print and export them.`;
  }
  return state.message;
}

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

  /** Ask a question inline (accessible, no modal); resolves true for yes. */
  const ask = (question, yes, no) =>
    new Promise((resolve) => {
      prompt.querySelector("[data-candor-prompt-text]").textContent = question;
      const [yesButton, noButton] = [prompt.querySelector("[data-candor-prompt-yes]"), prompt.querySelector("[data-candor-prompt-no]")];
      yesButton.textContent = yes;
      noButton.textContent = no;
      prompt.hidden = false;
      yesButton.focus();
      const done = (answer) => {
        prompt.hidden = true;
        yesButton.onclick = noButton.onclick = null;
        resolve(answer);
      };
      yesButton.onclick = () => done(true);
      noButton.onclick = () => done(false);
    });

  // 1. Restore what this browser saved, straight away: it must survive a failed engine too.
  const saved = keep.loadSaved(check);
  let pendingOlder = null;
  if (saved.notice) say(saved.notice, "warn");
  if (saved.envelope && saved.envelope.version === version) applyAnswers(form, saved.envelope.answers);
  else if (saved.envelope) pendingOlder = saved.text; // an older version: the engine migrates it once it runs

  const stop = engine.subscribe((state) => {
    if (!widget.isConnected) return;
    widget.dataset.candorStage = state.stage;
    if (state.stage === "ready" && engine.info) widget.dataset.candorBoot = engine.info.info.boot;
    if (state.stage !== "ready") status.textContent = statusText(state);
    if (state.failed) {
      widget.dataset.candorState = "failed";
      widget.classList.remove("candor-live");
      if (pendingOlder) say("Your saved answers are from an older version of this check; they will come back once the checker can start.", "warn");
    }
  });

  let latest = 0;
  let updates = 0;
  async function update() {
    const mine = ++latest;
    const answers = readAnswers(form);
    keep.save(check, version, answers);
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
    status.textContent =
      r.verdict === null
        ? "Ready. The result appears as you answer."
        : `Result: ${r.verdict_label}${r.provisional ? " (provisional)" : ""}. ${r.completeness.answered} of ${r.completeness.visible} answered.`;
    if (widget.dataset.candorState !== "ready") widget.dataset.candorReadyAt = String(Math.round(performance.now()));
    widget.dataset.candorState = "ready";
    widget.dataset.candorUpdates = String(++updates);
  }
  form.addEventListener("change", () => {
    keep.save(check, version, readAnswers(form)); // saved even while the engine is starting or has failed
  });

  /** Validate answers text with the engine, then (after asking, if the user has answers) replace the form's. */
  async function bringIn(text, source) {
    if (engine.state.failed) {
      say(`The ${source} cannot be checked because the checker could not start. Nothing was changed.`, "error");
      return;
    }
    const reply = await engine.call({ op: "read", check, text });
    if (!reply.ok) {
      say(`The ${source} was not used: ${reply.error.message} Nothing was changed.`, "error");
      return;
    }
    const current = readAnswers(form);
    if (Object.keys(current).length) {
      const replace = await ask(`Replace your current answers with the ${source}?`, `Use the ${source}`, "Keep my answers");
      if (!replace) {
        say(`Kept your answers; the ${source} was not used.`);
        return;
      }
    }
    applyAnswers(form, reply.result.envelope.answers);
    await update();
    say([`Loaded the ${source}.`, ...reply.result.notes].join(" "));
  }

  const actions = {
    export() {
      const data = keep.envelope(check, version, readAnswers(form));
      keep.download(`candor-${check}-answers-${keep.today()}.json`, `${JSON.stringify(data, null, 2)}\n`, "application/json");
      say("Exported your answers as a JSON file.");
    },
    import() {
      fileInput.value = "";
      fileInput.click();
    },
    async report() {
      const reply = await engine.call({ op: "report", check, answers: readAnswers(form), date: keep.today(), base_url: SITE_ROOT.href });
      if (!reply.ok) return say(`The report could not be made: ${reply.error.message}`, "error");
      keep.download(`candor-${check}-report-${keep.today()}.md`, reply.result, "text/markdown");
      say("Downloaded the report (Markdown).");
    },
    async share() {
      say(await keep.offerShareLink(widget, keep.shareUrl(check, version, readAnswers(form))));
    },
    print() {
      window.print();
    },
    async clear() {
      if (!window.confirm("Clear all your answers to this check in this browser? This cannot be undone.")) return;
      keep.clearSaved(check);
      applyAnswers(form, {});
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
    await bringIn(await file.text(), "imported file");
  };
  fileInput.addEventListener("change", () => readFile(fileInput.files[0]));
  widget.addEventListener("dragover", (event) => event.preventDefault());
  widget.addEventListener("drop", (event) => {
    event.preventDefault();
    readFile(event.dataTransfer.files[0]);
  });
  widget.querySelector(".candor-keep").hidden = false;

  engine
    .load(check)
    .then(async (reply) => {
      if (!reply.ok) throw new Error(reply.error.message);
      widget.classList.add("candor-live");
      form.addEventListener("change", update);
      if (pendingOlder) {
        const migrated = await engine.call({ op: "read", check, text: pendingOlder });
        if (migrated.ok) {
          applyAnswers(form, migrated.result.envelope.answers);
          say(migrated.result.notes.join(" "), "warn");
        } else {
          keep.clearSaved(check);
          say(`Your saved answers could not be brought forward (${migrated.error.message}), so they were cleared.`, "warn");
        }
      }
      await update();
      const shared = keep.sharedFromLocation();
      if (shared) {
        keep.dropShareFragment();
        if (shared.error) say(`${shared.error} Nothing was changed.`, "error");
        else await bringIn(shared.text, "shared answers");
      }
    })
    .catch((error) => {
      if (!engine.state.failed) engine.fail(String(error.message || error));
      stop();
      if (keep.sharedFromLocation()) say("This link holds shared answers, but they cannot be checked because the checker could not start. Nothing was changed.", "error");
    });
}
