"""One small driver interface over Debian's Firefox ESR (puppeteer-core over WebDriver BiDi, from Node) and
WebKitGTK (Selenium and WebKitWebDriver under a private Xvfb), so one journey runs in both.

    open(url), js(source, *args), wait(source, *args), click(selector), press(selector), type(selector, text),
    problems(), close()

``click`` is the driver's own pointer click (used for radios and checkboxes). ``press`` activates a button the
way the page sees a click or Enter on it (focus, then the element's click()): after a few pointer actions,
Firefox's BiDi input stopped delivering clicks and key presses to buttons, while the page's own handlers are
what a smoke journey must reach.

``source`` is a JavaScript function's text; the drivers evaluate it as the automation layer, so the page's
Content Security Policy does not stop it. ``problems()`` returns (and forgets) console errors, uncaught errors
and CSP violations seen since the last call: from the browser's own events where the driver gets them
(Firefox) and from a recorder put in each page after it loads (both).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FIREFOX = shutil.which("firefox-esr") or "/usr/bin/firefox-esr"
WEBKIT_DRIVER = shutil.which("WebKitWebDriver") or "/usr/bin/WebKitWebDriver"
ENGINES = ("firefox", "webkit")

RECORDER = """() => {
  if (window.__candorProblems) return;
  const seen = [];
  Object.defineProperty(window, "__candorProblems", { value: seen });
  // The spec's notice that resize notifications moved to the next frame (Material's sidebar observer, when an
  // answer hides many questions at once) is not a failure: every other error counts.
  const benign = "ResizeObserver loop completed with undelivered notifications.";
  addEventListener("error", (e) => e.message === benign || seen.push(`page error: ${e.message}`));
  addEventListener("unhandledrejection", (e) => seen.push(`unhandled rejection: ${e.reason && e.reason.message || e.reason}`));
  document.addEventListener("securitypolicyviolation", (e) => seen.push(`CSP: ${e.effectiveDirective} blocked ${e.blockedURI}`));
  const error = console.error;
  console.error = (...args) => { seen.push(`console error: ${args.join(" ")}`); error.apply(console, args); };
}"""
PRESS = """(selector) => {
  const element = document.querySelector(selector);
  if (!element) throw new Error(`no element matches ${selector}`);
  element.scrollIntoView({ block: "center" });
  element.focus();
  element.click();
}"""
SETTLE = """(element) => new Promise((done) => {
  element.scrollIntoView({ block: "center" });
  requestAnimationFrame(() => requestAnimationFrame(() => done(element.scrollIntoView({ block: "center" }))));
})"""
TAKE = "() => (window.__candorProblems || []).splice(0)"


class Driver:
    name = ""

    def _eval(self, source: str, args: list[Any]) -> Any:
        raise NotImplementedError

    def _open(self, url: str) -> None:
        raise NotImplementedError

    def click(self, selector: str) -> None:
        raise NotImplementedError

    def press(self, selector: str) -> None:
        self.js(PRESS, selector)

    def type(self, selector: str, text: str) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def open(self, url: str) -> None:
        self._open(url)
        self.js(RECORDER)

    def js(self, source: str, *args: Any) -> Any:
        return self._eval(source, list(args))

    def wait(self, source: str, *args: Any, timeout: float = 90) -> Any:
        """Poll the function until it returns something truthy (from outside: waitForFunction runs a
        `new Function` in the page, which the page's policy refuses)."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.js(source, *args)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: timed out after {timeout} s waiting for {source}")
            time.sleep(0.1)

    def problems(self) -> list[str]:
        return list(self.js(TAKE) or [])


class Firefox(Driver):
    name = "firefox"

    def __init__(self, profile: Path, width: int = 1280, height: int = 900) -> None:
        profile.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            ["node", str(Path(__file__).with_name("firefox-driver.mjs")), FIREFOX, str(profile), str(width), str(height)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT,
        )
        self.native: list[str] = []

    def _send(self, **command: Any) -> Any:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the Firefox driver stopped (is firefox-esr installed? scripts/test installs it)")
        reply = json.loads(line)
        if not reply["ok"]:
            raise RuntimeError(f"firefox: {command['op']}: {reply['error']}")
        return reply["value"]

    def _open(self, url: str) -> None:
        self._send(op="open", url=url)

    def _eval(self, source: str, args: list[Any]) -> Any:
        return self._send(op="eval", source=source, args=args)

    def click(self, selector: str) -> None:
        self._send(op="click", selector=selector)

    def type(self, selector: str, text: str) -> None:
        self._send(op="type", selector=selector, text=text)

    def problems(self) -> list[str]:
        return [*self._send(op="problems"), *super().problems()]

    def close(self) -> None:
        try:
            self._send(op="close")
            self.process.wait(timeout=30)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait(timeout=10)
            for pipe in (self.process.stdin, self.process.stdout):
                if pipe:
                    pipe.close()


class WebKit(Driver):
    name = "webkit"

    def __init__(self, profile: Path, width: int = 1280, height: int = 900) -> None:
        from selenium import webdriver

        profile.mkdir(parents=True, exist_ok=True)
        # A private X server (MiniBrowser has no headless mode); -displayfd picks a free display number.
        self.xvfb = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert self.xvfb.stdout
        display = self.xvfb.stdout.readline().strip()
        if not display:
            raise RuntimeError("Xvfb did not start (scripts/test installs xvfb)")
        env = {**os.environ, "DISPLAY": f":{display}"}
        for name in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):  # a fresh profile per driver
            env[name] = str(profile / name.lower())
        options = webdriver.WebKitGTKOptions()
        options.add_argument("--automation")  # any argument replaces the driver's own, so add it back
        try:
            with warnings.catch_warnings():  # Selenium 4.51's own WebKitGTK start-up uses an API it deprecates
                warnings.simplefilter("ignore", DeprecationWarning)
                service = webdriver.WebKitGTKService(executable_path=WEBKIT_DRIVER, env=env, log_output=subprocess.DEVNULL)
                self.driver = webdriver.WebKitGTK(options=options, service=service)
        except Exception:
            self.xvfb.terminate()
            self.xvfb.wait(timeout=10)
            self.xvfb.stdout.close()
            raise
        self.driver.set_window_size(width, height)
        self.driver.set_script_timeout(90)

    def _open(self, url: str) -> None:
        self.driver.get(url)

    def _eval(self, source: str, args: list[Any]) -> Any:
        return self.driver.execute_script(f"return ({source}).apply(null, arguments)", *args)

    def _element(self, selector: str) -> Any:
        from selenium.webdriver.common.by import By

        element = self.driver.find_element(By.CSS_SELECTOR, selector)
        # WebKitWebDriver refuses clicks outside the viewport with an empty error: bring it into view first (twice:
        # groups rendered as they come into view, content-visibility: auto, move what follows).
        self.driver.execute_script(f"return ({SETTLE})(arguments[0])", element)
        return element

    def click(self, selector: str) -> None:
        self._element(selector).click()

    def type(self, selector: str, text: str) -> None:
        self._element(selector).send_keys(text)

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            self.xvfb.terminate()
            self.xvfb.wait(timeout=10)
            if self.xvfb.stdout:
                self.xvfb.stdout.close()


def launch(engine: str, profile: Path, width: int = 1280, height: int = 900) -> Driver:
    return {"firefox": Firefox, "webkit": WebKit}[engine](profile, width, height)
