"""`supervise serve` in a real browser: Debian's chromium, headless, driven by Playwright.

The real command is started on a free port; the printed link is opened; keys are typed
into the page; what the terminal in the page shows is read back (xterm.js's own screen
buffer, the text it draws on its canvas). A second tab on the same folder is offered it
read-only. Every request the page makes goes to the server, nowhere else.

Runs in the default test command; skipped only when chromium is missing and $CI is not
set (`.ci/run` installs chromium and sets CI=1, so there it fails instead). On a failure
a screenshot of each page is kept in a temporary folder named in the message.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from supervise_tui.domain.enums import Role
from supervise_tui.domain.models import Person
from supervise_tui.store.folder import open_folder
from supervise_tui.usecases.people import save_person
from tests.conftest import fixed_clock

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HAVE_CHROMIUM = Path(CHROMIUM).exists()

if not HAVE_CHROMIUM and not os.environ.get("CI"):
    pytest.skip("chromium is not installed (CI installs it)", allow_module_level=True)

from playwright.sync_api import Page, sync_playwright  # noqa: E402

# Test-only instrumentation, run in the page before its scripts: textual-serve's bundle
# keeps its xterm.js Terminal in a property named `terminal`; catch it as it is set, so
# the test can read the screen buffer the terminal draws from.
CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    window.__terminal = value;
    Object.defineProperty(this, "terminal", {
      value, writable: true, configurable: true, enumerable: true,
    });
  },
});
"""
SCREEN_TEXT = """() => {
  const terminal = window.__terminal;
  if (!terminal) return "";
  const buffer = terminal.buffer.active;
  const rows = [];
  for (let y = 0; y < terminal.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
}"""


def screen(page: Page) -> str:
    return page.evaluate(SCREEN_TEXT)


def wait_for_screen(page: Page, text: str, timeout: float = 15.0) -> str:
    """Wait until the terminal in the page shows `text`; what it shows."""
    page.wait_for_function(
        f"(text) => ({SCREEN_TEXT})().includes(text)", arg=text, timeout=timeout * 1000
    )
    return screen(page)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A plain folder with a supervisor and a peer (fictional)."""
    data = tmp_path / "records"
    store = open_folder(data, clock=fixed_clock)
    try:
        sup = save_person(store, Person("Dana Whitfield", Role.SUPERVISOR), clock=fixed_clock)
        save_person(
            store, Person("Jordan Ellery", Role.PEER, supervisor_ids=[sup.id]), clock=fixed_clock
        )
    finally:
        store.close()
    return data


@pytest.fixture
def served(folder: Path):
    """`supervise serve` on a free port: the printed link, then SIGTERM at the end."""
    server = subprocess.Popen(
        [sys.executable, "-m", "supervise_tui", "serve", "--data-dir", str(folder), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        link = None
        for line in server.stdout:  # the link is printed once the server listens
            found = re.search(r"http://127\.0\.0\.1:\d+/\?token=\S+", line)
            if found:
                link = found.group(0)
                break
        assert link, f"no link printed; stderr: {server.stderr.read()}"
        yield server, link
    finally:
        if server.returncode is None:  # (the test did not stop it)
            server.send_signal(signal.SIGTERM)
            try:
                server.communicate(timeout=20)  # (and its pipes closed)
            except subprocess.TimeoutExpired:
                server.kill()
                server.communicate()


def test_the_app_in_a_browser(served, folder):
    server, link = served
    base = link.split("/?", 1)[0]
    shots = Path(tempfile.mkdtemp(prefix="supervise-browser-"))
    requests: list[str] = []
    started = time.monotonic()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        context = browser.new_context(viewport={"width": 1024, "height": 640})
        context.add_init_script(CATCH_TERMINAL)
        context.on("request", lambda request: requests.append(request.url))
        pages: list[Page] = []
        try:
            first = context.new_page()
            pages.append(first)
            first.goto(link)
            assert first.url == f"{base}/"  # the token is gone from the address bar
            home = wait_for_screen(first, "Jordan Ellery")
            assert "supervise" in home and "Home" in home
            home_shot = first.screenshot()

            # Keys typed in the page reach the app, and its answer is drawn: help (F1).
            first.keyboard.press("F1")
            wait_for_screen(first, "What it does")
            assert first.screenshot() != home_shot
            first.keyboard.press("Escape")
            wait_for_screen(first, "Jordan Ellery")
            # The footer shows the keys once the page has focus: the app knows it has it.
            assert "Quit" in wait_for_screen(first, "Help")

            # A second tab on the same folder: offered it read-only, not a blank page.
            second = context.new_page()
            pages.append(second)
            second.goto(f"{base}/")
            offer = wait_for_screen(second, "These records are open elsewhere")
            assert "read-only" in offer
            second.keyboard.press("Enter")
            assert "READ-ONLY" in wait_for_screen(second, "READ-ONLY")

            # The link, used once, opens nothing for another browser.
            stranger = browser.new_context()
            response = stranger.new_page().goto(link)
            assert response.status == 403
            stranger.close()

            # A session begun in the first tab, words typed, and at once the server is
            # stopped with both tabs open: each tab's app is asked to quit and saves
            # (the words are in the draft), the pages say so, the server ends cleanly.
            first.keyboard.press("n")
            wait_for_screen(first, "Start (F2)")
            first.keyboard.press("F2")
            wait_for_screen(first, "Session with Jordan Ellery")
            first.keyboard.type("Quiet week, zebra marker")
            wait_for_screen(first, "zebra marker")  # the app has it (perhaps not autosaved yet)
            stopping = time.monotonic()
            server.send_signal(signal.SIGTERM)
            _, said = server.communicate(timeout=20)
            assert server.returncode == 0, said
            assert time.monotonic() - stopping < 10
            for page in pages:
                page.wait_for_selector("body.-closed .closed-dialog", timeout=5000)
                assert "The app in this tab has closed" in page.inner_text(".closed-dialog")
        except BaseException:
            for number, page in enumerate(pages, 1):
                try:
                    page.screenshot(path=str(shots / f"tab-{number}.png"))
                    (shots / f"tab-{number}.txt").write_text(screen(page))
                except Exception as error:  # noqa: BLE001 - the first failure is the one
                    print(f"no screenshot of tab {number}: {error}", file=sys.stderr)
            print(f"Screenshots of the browser: {shots}", file=sys.stderr)
            raise
        finally:
            browser.close()
    assert all(url.startswith(f"{base}/") for url in requests), [
        url for url in requests if not url.startswith(f"{base}/")
    ]
    store = open_folder(folder, clock=fixed_clock, read_only=True)
    try:
        (draft,) = store.drafts()
        assert "zebra marker" in repr(draft)
    finally:
        store.close()
    assert time.monotonic() - started < 30
    shutil.rmtree(shots, ignore_errors=True)
