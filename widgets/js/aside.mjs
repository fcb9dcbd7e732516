// @ts-nocheck: not yet typed for TypeScript's checker (tsconfig.json says how to start)
// The "kept aside" panel: saved answers or counts the page could not use as they were, offered for export
// or discard. Nothing here deletes without the reader choosing to, after a prompt whose safe choice is focused.
import { el } from "./dom.mjs";
import { download, today } from "./keep.mjs";
import { ask, promptNear } from "./prompt.mjs";

function describe(entry, what, current) {
  const when = entry.saved_at ? ` (saved ${entry.saved_at.slice(0, 10)})` : "";
  switch (entry.reason) {
    case "older":
      return entry.state === "waiting"
        ? `${what} saved with version ${entry.version} of this check${when}, waiting for the checker to bring them up to version ${current}.`
        : `${what} as they were saved with version ${entry.version} of this check${when}, before they were brought up to date.`;
    case "newer":
      return `${what} saved with version ${entry.version} of this check${when}, newer than the version ${current} on this site (perhaps from another copy of Candor at this address). This site cannot read them, but they are kept.`;
    case "mismatch":
      return `${what} as they were saved${when}: some of them no longer match this check's questions.`;
    case "conflict":
      return `${what} as they were before you chose between them and the ones on the page${when}.`;
    default:
      return `${what} saved in this browser that could not be read${when}: the stored text is damaged.`;
  }
}

/**
 * Keep the panel of the kept sets in `store` (store.mjs) up to date in `panel`. `what` names them ("Answers",
 * "Counts"), `id` names exported files; `current` is the page's version. Returns a function that re-renders it.
 */
export function wireAside(widget, panel, { store, id, what, current, say }) {
  const prompt = promptNear(panel, "after", "data-candor-aside-prompt");
  const render = () => {
    const entries = store.readAside();
    panel.hidden = !entries.length;
    if (!entries.length) return panel.replaceChildren();
    const items = entries.map((entry, i) => {
      const exportButton = el("button", { type: "button", class: "md-button" }, "Export them (JSON)");
      const discardButton = el("button", { type: "button", class: "md-button" }, "Discard them");
      exportButton.addEventListener("click", () => {
        download(`candor-${id}-kept-${i + 1}-${today()}.json`, entry.text.endsWith("\n") ? entry.text : `${entry.text}\n`, "application/json");
        say(`Exported the kept ${what.toLowerCase()} as a JSON file. They are still kept in this browser until you discard them.`);
      });
      discardButton.addEventListener("click", async () => {
        const choice = await ask(prompt, `Discard these kept ${what.toLowerCase()}? They are removed from this browser and cannot be brought back unless you exported them.`, [
          { id: "keep", label: "Keep them" },
          { id: "discard", label: "Discard them" },
        ]);
        if (choice !== "discard") return;
        store.discardAside(entry.text);
        render();
        say(`The kept ${what.toLowerCase()} were discarded.`);
      });
      return el("li", { "data-candor-aside-reason": entry.reason }, el("span", {}, describe(entry, what, current)), " ", exportButton, " ", discardButton);
    });
    panel.replaceChildren(el("p", { class: "candor-aside-title" }, el("strong", {}, `Kept aside in this browser (${entries.length})`)), el("ul", {}, ...items));
  };
  render();
  window.addEventListener("storage", (event) => {
    if (event.key === store.asideKey && widget.isConnected) render();
  });
  return render;
}

/** A panel for the kept sets, made at the top of the widget (just before its form, or `before`, after any messages). */
export function asidePanel(widget, before = widget.querySelector("form")) {
  const panel = el("div", { class: "candor-aside", "data-candor-aside": "", "aria-live": "polite" });
  panel.hidden = true;
  before.before(panel);
  return panel;
}
