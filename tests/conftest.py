"""Shared test set-up: named users, fast hashing, uploads in a temporary folder.

`make test` runs the suite in pytest-xdist workers (one per core); each worker has its own test
database (on PostgreSQL, pytest-django suffixes its name with the worker's id) and its own
live server. The browser layer's end-of-run summary is printed here, by the process that
prints the report, with what each worker found (see tests/browser/conftest.py).
"""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import translation

from tests.browser import helpers as browser_helpers


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    # The test client runs requests in the test's thread: a /ru/ page would leave Russian
    # active for the rest of the test, and for the next one.
    translation.activate(settings.LANGUAGE_CODE)
    # Each test's database starts empty again, without a save to end the pages cached before.
    cache.clear()
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def alice(db):
    """A staff editor with every permission (superuser)."""
    return get_user_model().objects.create_superuser("alice", "alice@example.com", "alice-password")


@pytest.fixture
def bob(db):
    """A signed-in visitor without staff rights."""
    return get_user_model().objects.create_user("bob", "bob@example.com", "bob-password")


@pytest.fixture
def editor_client(client, alice):
    client.force_login(alice)
    return client


# --- order ------------------------------------------------------------------------------------


def pytest_collection_modifyitems(config, items) -> None:
    """Tests marked ``slow`` first, then the browser tests (3–17 s each), then the rest (mostly
    well under a second): pytest-xdist hands tests out in this order, so the short ones fill the
    end of the run on both workers instead of one worker finishing a long test alone. The sort is
    stable: within each kind, the collection order stays."""
    items.sort(key=lambda item: (item.get_closest_marker("slow") is None, "/browser/" not in item.nodeid))


# --- the browser layer's summary ------------------------------------------------------------


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    """A pytest-xdist worker finished: keep its browser findings and artifacts folder for the summary."""
    output = getattr(node, "workeroutput", {})
    node.config.stash.setdefault(browser_helpers.GATE_NOTES, []).extend(output.get("browser_gate_notes") or [])
    if output.get("browser_artifacts"):
        node.config.stash[browser_helpers.ARTIFACTS_USED] = Path(output["browser_artifacts"])


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    notes = config.stash.get(browser_helpers.GATE_NOTES, None)
    if notes:
        terminalreporter.write_sep("-", "browser gates: findings that do not fail the run")
        for note in notes:
            terminalreporter.write_line(note)
    folder = config.stash.get(browser_helpers.ARTIFACTS_USED, None)
    if folder is not None:
        terminalreporter.write_sep("-", "browser artifacts")
        terminalreporter.write_line(f"Screenshots of every page type (desktop and phone) are in {folder}")
