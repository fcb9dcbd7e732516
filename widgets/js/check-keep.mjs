// @ts-check
// A check's answers kept outside the page: export, import (a file chosen or dropped), share link, report, print
// and clear. What comes in is read by the engine (op "read") and replaces the reader's answers only once asked.
import { applyCampaign, markRefused, readCampaign } from "./campaign.mjs";
import { savedElsewhere } from "./check-shared.mjs";
import { clearQuestion, replaceQuestion, SOURCES, unchanged } from "./check-wording.mjs";
import { applyAnswers, readAnswers } from "./form.mjs";
import * as keep from "./keep.mjs";
import { SITE_ROOT } from "./links.mjs";
import { ask } from "./prompt.mjs";
import { wireActions } from "./widget-shell.mjs";

/** @typedef {import("./bridge-replies.mjs").Reply<import("./bridge-replies.mjs").ReadResult>} ReadReply */
/**
 * @typedef {object} CheckParts what a check widget is made of (check-widget.mjs)
 * @property {HTMLElement} widget
 * @property {import("./engine.mjs").Engine} engine
 * @property {string} check
 * @property {number} version
 * @property {HTMLFormElement} form
 * @property {HTMLElement} prompt
 * @property {import("./messages.mjs").Say} say
 * @property {(answers?: import("./bridge-replies.mjs").Answers) => void} persist
 * @property {(answers?: import("./bridge-replies.mjs").Answers) => Promise<void>} update
 */

/**
 * Wire the check's keep-and-share buttons and file import. Returns `bringIn(text, source)`: validate answers
 * text with the engine, then (after asking, if the reader has answers) replace the form's.
 * @param {CheckParts} parts
 */
export function wireCheckKeep({ widget, engine, check, version, form, prompt, say, persist, update }) {
  /**
   * @param {string} text
   * @param {import("./check-wording.mjs").Source} source
   */
  async function bringIn(text, source) {
    if (engine.state.failed) {
      say(`${source.failed} The checker is not running, so they cannot be checked. ${unchanged(readAnswers(form))} Reload the page to start the checker again.`, "error");
      return;
    }
    /** @type {ReadReply} */
    const reply = await engine.call({ op: "read", check, text });
    if (!reply.ok) {
      say(`${source.failed} ${reply.error.message} ${unchanged(readAnswers(form))}`, "error", reply.error.detail);
      return;
    }
    const incoming = reply.result.envelope.answers;
    const incomingDetails = reply.result.envelope.campaign || {};
    const asked = replaceQuestion({ answers: readAnswers(form), details: readCampaign(form) }, { answers: incoming, details: incomingDetails }, source);
    if (asked) {
      const choice = await ask(prompt, asked.question, [
        { id: "keep", label: "Keep my answers" },
        { id: "use", label: source.use },
      ]);
      if (choice !== "use") {
        say(asked.kept);
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

  /** Export, share and report carry what the engine would read back: a detail it refuses stops them, said.
   *  @param {string} nothing what did not happen */
  const stopped = (nothing) => {
    const refusal = markRefused(form);
    if (refusal) say(`${refusal} ${nothing}`, "error");
    return Boolean(refusal);
  };
  const fileInput = /** @type {HTMLInputElement} */ (widget.querySelector("[data-candor-file]"));
  wireActions(widget, {
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
      /** @type {import("./bridge-replies.mjs").Reply<string>} */
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
      const asked = clearQuestion(Object.keys(readAnswers(form)).length, Object.keys(readCampaign(form)).length > 0);
      if (!asked) return say("There are no answers to clear.");
      const choice = await ask(prompt, asked.question, [
        { id: "keep", label: "Keep my answers" },
        { id: "clear", label: "Clear them" },
      ]);
      if (choice !== "clear") return;
      applyAnswers(form, {});
      applyCampaign(form, {});
      persist();
      if (!engine.state.failed) await update();
      const elsewhere = savedElsewhere(widget);
      const more = elsewhere.length ? ` Your answers saved in ${elsewhere.join(" and ")} stay there, and those to this check's questions are brought over again when you next open it.` : "";
      say(`${asked.cleared}${more}`);
    },
  });
  /** @param {File | undefined} file */
  const readFile = async (file) => {
    if (!file) return;
    // The engine's own limit, rendered into the widget at build time: a huge file is refused before it is read.
    const read = await keep.readTextFile(file, Number(widget.dataset.candorMaxBytes));
    if (read.error !== undefined) say(`${read.error} ${unchanged(readAnswers(form))}`, "error");
    else await bringIn(read.text, SOURCES.file(file.name));
  };
  fileInput.addEventListener("change", () => readFile(fileInput.files?.[0]));
  widget.addEventListener("dragover", (event) => event.preventDefault());
  widget.addEventListener("drop", (event) => {
    event.preventDefault();
    readFile(event.dataTransfer?.files[0]);
  });
  return bringIn;
}
