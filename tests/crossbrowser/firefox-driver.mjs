// Drives Debian's Firefox ESR for tests/crossbrowser/drivers.py: puppeteer-core over WebDriver BiDi (no
// geckodriver). One JSON command per line on stdin, one JSON reply per line on stdout:
//   {"op": "open", "url"} | {"op": "eval", "source", "args"} | {"op": "click", "selector"}
//   {"op": "type", "selector", "text"} | {"op": "problems"} | {"op": "close"}
// Console errors, uncaught page errors and CSP blocks (Firefox reports them as page errors) are collected.
import { createInterface } from "node:readline";
import puppeteer from "puppeteer-core";

const [executablePath, profile, width, height] = process.argv.slice(2);
const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath,
  userDataDir: profile,
  headless: true,
  defaultViewport: { width: Number(width), height: Number(height) },
  extraPrefsFirefox: { "browser.shell.checkDefaultBrowser": false, "datareporting.policy.dataSubmissionEnabled": false },
});
const page = (await browser.pages())[0] ?? (await browser.newPage());
const problems = [];
page.on("console", (message) => {
  if (message.type() === "error") problems.push(`console error: ${message.text()}`);
});
page.on("pageerror", (error) => problems.push(`page error: ${error.message || error}`));

async function centred(selector) {
  const element = await page.$(selector);
  if (!element) throw new Error(`no element matches ${selector}`);
  // Long forms render off-screen groups only when they come into view (content-visibility: auto), which moves
  // what follows: scroll, let two frames render, scroll again, then take the element's position.
  await element.evaluate(
    (e) =>
      new Promise((done) => {
        e.scrollIntoView({ block: "center" });
        requestAnimationFrame(() => requestAnimationFrame(() => done(e.scrollIntoView({ block: "center" }))));
      }),
  );
  return element;
}

const ops = {
  open: async ({ url }) => {
    await page.goto(url, { waitUntil: "load", timeout: 60000 });
    return page.url();
  },
  // The function's source is evaluated as a script by the driver, not by the page: the page's CSP does not apply.
  eval: ({ source, args }) => page.evaluate(`(${source})(...${JSON.stringify(args ?? [])})`),
  // Centred first, as in the WebKit driver: Material's sticky header can cover an element scrolled to the top.
  click: async ({ selector }) => {
    await (await centred(selector)).click();
    return null;
  },
  type: async ({ selector, text }) => {
    await (await centred(selector)).type(text);
    return null;
  },
  problems: () => problems.splice(0),
  close: async () => {
    await browser.close();
    setImmediate(() => process.exit(0));
    return null;
  },
};

const say = (reply) => process.stdout.write(`${JSON.stringify(reply)}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line);
  try {
    say({ ok: true, value: (await ops[command.op](command)) ?? null });
  } catch (error) {
    say({ ok: false, error: String(error && error.stack ? error.stack : error) });
  }
}
await browser.close().catch(() => {});
