// @ts-nocheck: not yet typed for TypeScript's checker (tsconfig.json says how to start)
// Folded practices (<details class="candor-fold">) open when a link points at the practice, and all of them
// open for printing, so a printed theme page is complete. Nothing here holds wording.
const opened = new Set();

function foldsOf(heading) {
  const folds = [];
  for (let node = heading.nextElementSibling; node && !/^H[1-3]$/.test(node.tagName); node = node.nextElementSibling) {
    if (node.matches("details.candor-fold")) folds.push(node);
  }
  return folds;
}

/** The id the address points at. A malformed escape (a `%` not followed by two hex digits, as in a link cut
 *  short) is read as written: it names no element, and nothing else on the page depends on it. */
function linkedId() {
  const raw = location.hash.slice(1);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function openLinkedFold() {
  const id = linkedId();
  const target = id && document.getElementById(id);
  if (!target) return;
  const folds = target.matches("h3[data-practice-level]") ? foldsOf(target) : [target.closest("details.candor-fold")];
  folds.filter(Boolean).forEach((fold) => {
    fold.open = true;
  });
}

function openForPrint() {
  for (const fold of document.querySelectorAll("details.candor-fold:not([open])")) {
    fold.open = true;
    opened.add(fold);
  }
}

function closeAfterPrint() {
  opened.forEach((fold) => {
    fold.open = false;
  });
  opened.clear();
}

let wiredWindow = false;

export function wireFolds() {
  openLinkedFold();
  if (wiredWindow) return;
  wiredWindow = true;
  window.addEventListener("hashchange", openLinkedFold);
  window.addEventListener("beforeprint", openForPrint);
  window.addEventListener("afterprint", closeAfterPrint);
  const print = window.matchMedia("print");
  print.addEventListener("change", (event) => (event.matches ? openForPrint() : closeAfterPrint()));
}
