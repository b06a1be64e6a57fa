"""
The browser layer: Debian's Chromium driven by Playwright against pytest-django's live server.

Every test under tests/browser is marked ``browser``. What the layer needs from outside
Python (Chromium, pdftotext, Java, node_modules/axe-core, node_modules/vnu-jar) is installed
by ``scripts/browser-deps``. When something is missing, the tests that need it are skipped
with a message saying how to install it — except when ``CI`` is set: CI must run the gates,
so there a missing tool is a failure, never a skip.

The pytest-playwright plugin is not used (its ``page``/``browser`` fixtures would launch a
browser of their own, and its autouse fixtures delete ./test-results). Fixture names here
are distinct from the plugin's, so nothing clashes where it is installed; ``-p no:playwright``
keeps it out entirely.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.browser import helpers

BROWSER_DIR = Path(__file__).resolve().parent


# --- marking and requirements -------------------------------------------------------------


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if is_browser_test(item):
            item.add_marker(pytest.mark.browser)


def require(problem: str | None) -> None:
    """Skip (locally) or fail (in CI) when a tool the test needs is missing."""
    if problem is None:
        return
    if helpers.IN_CI:
        pytest.fail(f"{problem} [CI is set: the browser layer must run, so this is a failure, not a skip]")
    pytest.skip(problem)


# --- the browser ----------------------------------------------------------------------------


class ChromiumSession:
    """One Chromium for each run of consecutive browser tests in a process (about 0.5 s to start).

    While Playwright's sync API is started, it leaves an asyncio loop marked as running in the
    test's thread between its calls, and Django's ORM then refuses to run in that thread
    ("SynchronousOnlyOperation": factories, the database flush after each test) unless
    DJANGO_ALLOW_ASYNC_UNSAFE is set. So the variable is set exactly while Playwright runs, and
    Playwright is stopped as soon as the next test is not a browser test (see
    ``pytest_runtest_teardown``): every other test keeps Django's check, in a single process and
    in each pytest-xdist worker alike. Browser tests are collected first and handed out first, so
    a process starts Chromium once, not once per test. The live server answers requests in a
    thread of its own either way.
    """

    def __init__(self) -> None:
        self.browser = None
        self._playwright = None
        self._environment = None

    def start(self):
        if self.browser is None:
            from playwright.sync_api import sync_playwright

            self._environment = pytest.MonkeyPatch()
            self._environment.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
            self._playwright = sync_playwright().start()
            self.browser = self._playwright.chromium.launch(
                executable_path=str(helpers.CHROMIUM_PATH), args=helpers.CHROMIUM_ARGS, headless=True
            )
        return self.browser

    def stop(self) -> None:
        try:
            if self.browser is not None:
                self.browser.close()
            if self._playwright is not None:
                self._playwright.stop()
        finally:
            if self._environment is not None:
                self._environment.undo()
            self.browser = self._playwright = self._environment = None


CHROMIUM = pytest.StashKey[ChromiumSession]()


def pytest_configure(config: pytest.Config) -> None:
    config.stash[CHROMIUM] = ChromiumSession()


def is_browser_test(item: pytest.Item | None) -> bool:
    return item is not None and BROWSER_DIR in Path(str(item.path)).resolve().parents


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """Stop Chromium (and unset DJANGO_ALLOW_ASYNC_UNSAFE) after the last of a run of browser tests."""
    try:
        return (yield)
    finally:
        if not is_browser_test(nextitem):
            item.config.stash[CHROMIUM].stop()


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    config.stash[CHROMIUM].stop()  # a run cut short (-x, Ctrl-C) skips the teardown above
    output = getattr(config, "workeroutput", None)
    if output is not None:
        # A pytest-xdist worker: the controller prints the summary (tests/conftest.py), so it gets
        # this worker's findings and artifacts folder.
        output["browser_gate_notes"] = list(config.stash.get(helpers.GATE_NOTES, []))
        folder = config.stash.get(helpers.ARTIFACTS_USED, None)
        output["browser_artifacts"] = str(folder) if folder is not None else None


@pytest.fixture
def chromium_browser(pytestconfig):
    """The Chromium of this run of browser tests (started by the first test that asks for it)."""
    require(helpers.missing_playwright())
    require(helpers.missing_chromium())
    return pytestconfig.stash[CHROMIUM].start()


@dataclass(frozen=True)
class ConsoleEntry:
    page_url: str
    kind: str  # "console error" or "uncaught exception"
    text: str
    source: str = ""

    def __str__(self) -> str:
        where = f" [{self.source}]" if self.source else ""
        return f"{self.page_url}: {self.kind}: {self.text}{where}"

    def is_document_status(self, status: int) -> bool:
        """Chromium's own note that the page itself came with an error status (a 404 page)."""
        return self.source.startswith(self.page_url) and f"status of {status} " in self.text


@dataclass
class ConsoleLog:
    """Console errors, uncaught exceptions and CSP violations seen by the pages of a test.

    Chromium reports a Content-Security-Policy violation as a console error ("Executing
    inline script violates the following Content Security Policy directive ..."); a failed
    sub-resource (a missing image or stylesheet) is a console error too.
    """

    entries: list[ConsoleEntry] = field(default_factory=list)

    def watch(self, page) -> None:
        def on_console(message) -> None:
            if message.type == "error":
                source = (message.location or {}).get("url") or ""
                self.entries.append(ConsoleEntry(page.url, "console error", message.text, source))

        def on_page_error(error) -> None:
            self.entries.append(ConsoleEntry(page.url, "uncaught exception", str(error)))

        page.on("console", on_console)
        page.on("pageerror", on_page_error)

    def clear(self) -> None:
        self.entries.clear()

    def problems(self, *, document_status: int = 200) -> list[str]:
        """Every entry, less Chromium's note on the status of an error page's own document."""
        return [
            str(entry)
            for entry in self.entries
            if document_status < 400 or not entry.is_document_status(document_status)
        ]

    def csp_violations(self) -> list[str]:
        return [str(entry) for entry in self.entries if "Content Security Policy" in entry.text]

    def exceptions(self) -> list[str]:
        """Uncaught exceptions only: what admin pages are judged by (their console is reported)."""
        return [str(entry) for entry in self.entries if entry.kind == "uncaught exception"]


@pytest.fixture
def console_log() -> ConsoleLog:
    return ConsoleLog()


@pytest.fixture
def admin_console_log() -> ConsoleLog:
    """For admin pages in journeys: their console is the gates' to report (prose-editor applies
    one inline style under the CSP); a journey judges them by ``exceptions()``."""
    return ConsoleLog()


@pytest.fixture
def new_browser_context(chromium_browser, live_server) -> Iterator[Callable]:
    """Make an isolated browser context (its own cookies): ``new_browser_context(user=alice)``.

    With ``user``, the context is signed in as that user through a real session cookie.
    Contexts are closed at the end of the test.
    """
    contexts = []

    def make(*, user=None, width: int = helpers.DESKTOP[0], height: int = helpers.DESKTOP[1], **kwargs):
        context = chromium_browser.new_context(
            viewport={"width": width, "height": height}, base_url=live_server.url, **kwargs
        )
        context.set_default_timeout(helpers.TIMEOUT_MS)
        if user is not None:
            context.add_cookies([helpers.session_cookie(user, live_server.url)])
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def browser_page(new_browser_context, console_log):
    """An anonymous visitor's page (1280 px wide) whose console errors land in ``console_log``."""
    page = new_browser_context().new_page()
    console_log.watch(page)
    return page


# --- tools outside the browser ------------------------------------------------------------


@pytest.fixture(scope="session")
def axe_source() -> str:
    require(helpers.missing_axe())
    return helpers.AXE_JS.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def vnu_command() -> list[str]:
    require(helpers.missing_vnu())
    return [shutil.which("java") or "java", *helpers.VNU_JAVA_OPTIONS, "-jar", str(helpers.VNU_JAR)]


@pytest.fixture(scope="session")
def poppler() -> dict[str, str]:
    """Paths of pdftotext and pdfimages (Debian package poppler-utils)."""
    require(helpers.missing_poppler())
    return {tool: shutil.which(tool) for tool in ("pdftotext", "pdfimages")}


# --- artifacts ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def artifacts_dir(pytestconfig) -> Path:
    """Where screenshots (and the print journey's PDF) go; printed at the end of the session."""
    folder = helpers.artifacts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    pytestconfig.stash[helpers.ARTIFACTS_USED] = folder
    return folder


@pytest.fixture(scope="session")
def gate_notes(pytestconfig) -> list[str]:
    """Findings that do not fail a test but a person should read (admin pages, minor axe issues).

    Printed in the terminal summary, whatever the outcome (by tests/conftest.py).
    """
    return pytestconfig.stash.setdefault(helpers.GATE_NOTES, [])
