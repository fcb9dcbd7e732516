// @ts-nocheck: not yet typed for TypeScript's checker (tsconfig.json says how to start)
// Copy-to-clipboard buttons on kit pages. The button names the element whose text it copies; its messages come
// from the page (data attributes), so this file holds no wording. Without JavaScript the button stays hidden and
// the text remains selectable in the page.
export function wireCopy(button) {
  // Material renames the ids of <pre> blocks, so the text is found by a data attribute.
  const target = document.querySelector(`[data-candor-copy-source="${CSS.escape(button.dataset.candorCopy)}"]`);
  const status = button.parentElement.querySelector("[data-candor-copy-status]");
  if (!target || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(target.textContent);
      status.textContent = button.dataset.candorCopied;
    } catch {
      status.textContent = button.dataset.candorCopyFailed;
      const source = target.closest("details");
      if (source) source.open = true;
      window.getSelection().selectAllChildren(target);
    }
  });
}
