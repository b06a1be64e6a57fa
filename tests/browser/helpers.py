"""Tools of the browser layer: where things are, what is missing, sign-in, waiting, axe, vnu."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHROMIUM_PATH = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

DESKTOP = (1280, 800)
PHONE = (390, 844)
#: Playwright's default is 30 s; a local live server answers in milliseconds.
TIMEOUT_MS = 10_000

IN_CI = os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no", "off"}

ARTIFACTS_USED = pytest.StashKey[Path]()
GATE_NOTES = pytest.StashKey[list]()

INSTALL = "run scripts/browser-deps"


# --- what is missing, and how to get it ---------------------------------------------------


def missing_playwright() -> str | None:
    if importlib.util.find_spec("playwright") is None:
        return "Python package playwright not installed: run .venv/bin/pip install -r requirements-dev.txt"
    return None


def missing_chromium() -> str | None:
    if not CHROMIUM_PATH.exists():
        return f"Chromium not found at {CHROMIUM_PATH}: {INSTALL} (apt-get install -y chromium)"
    return None


def missing_axe() -> str | None:
    if not AXE_JS.exists():
        return f"axe-core not found at {AXE_JS.relative_to(ROOT)}: {INSTALL} (npm ci)"
    return None


def missing_vnu() -> str | None:
    if shutil.which("java") is None:
        return f"Java not found (needed by the Nu Html Checker): {INSTALL} (apt-get install -y default-jre-headless)"
    if not VNU_JAR.exists():
        return f"vnu.jar not found at {VNU_JAR.relative_to(ROOT)}: {INSTALL} (npm ci)"
    return None


def missing_poppler() -> str | None:
    for tool in ("pdftotext", "pdfimages"):
        if shutil.which(tool) is None:
            return f"{tool} not found: {INSTALL} (apt-get install -y poppler-utils)"
    return None


def artifacts_dir() -> Path:
    configured = os.environ.get("BROWSER_ARTIFACTS")
    if configured:
        return Path(configured).resolve()
    return ROOT / "test-artifacts" / "screenshots"


# --- sign-in ------------------------------------------------------------------------------


def session_cookie(user, base_url: str) -> dict:
    """A real session cookie for ``user``, for a browser context (no login form needed)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return {"name": name, "value": client.cookies[name].value, "url": base_url}


# --- waiting under a strict CSP -----------------------------------------------------------


def wait_for(page, expression: str, *, timeout: float = TIMEOUT_MS / 1000, message: str = "") -> None:
    """Poll a JavaScript expression until it is truthy.

    ``page.wait_for_function("...")`` evaluates its string with ``new Function`` inside the
    page, which ``script-src 'self'`` forbids; ``page.evaluate`` goes through the DevTools
    protocol and is not subject to the page's CSP.
    """
    deadline = time.monotonic() + timeout
    while True:
        if page.evaluate(f"() => Boolean({expression})"):
            return
        if time.monotonic() > deadline:
            raise AssertionError(message or f"timed out waiting for {expression!r} on {page.url}")
        time.sleep(0.05)


def next_frames(page, count: int = 2) -> None:
    """Let the page render ``count`` animation frames (editors apply focus changes in one)."""
    page.evaluate(
        """count => new Promise(resolve => {
            const step = n => (n ? requestAnimationFrame(() => step(n - 1)) : resolve());
            step(count);
        })""",
        count,
    )


# --- axe-core -------------------------------------------------------------------------------


def run_axe(page, axe_source: str) -> list[dict]:
    """Run axe-core in the page and return its violations.

    ``page.add_script_tag(path=...)`` inserts an inline ``<script>``, which the site's
    ``script-src 'self'`` blocks (and which would itself be reported as a CSP violation);
    ``page.evaluate(source)`` runs through the DevTools protocol, outside the page's CSP, and
    leaves no trace in the console.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source)
    result = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary, html: n.html})),
            }));
        }"""
    )
    return result


def serious(violations: list[dict], impacts=("serious", "critical")) -> list[dict]:
    return [violation for violation in violations if violation["impact"] in impacts]


def format_axe(label: str, violations: list[dict]) -> str:
    if not violations:
        return f"{label}: no axe violations"
    lines = [f"{label}: {len(violations)} axe violation(s)"]
    for violation in violations:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:8]:
            target = " ".join(" > ".join(part) if isinstance(part, list) else part for part in node["target"])
            lines.append(f"      at {target}")
            lines.append(f"         {node['html'][:160]}")
            summary = (node["summary"] or "").replace("\n", " / ")
            if summary:
                lines.append(f"         {summary[:300]}")
        if len(violation["nodes"]) > 8:
            lines.append(f"      … and {len(violation['nodes']) - 8} more")
    return "\n".join(lines)


# --- the Nu Html Checker ------------------------------------------------------------------


def run_vnu(command: list[str], files: list[Path]) -> list[dict]:
    """Check saved HTML files with one JVM start; return vnu's messages (JSON format)."""
    completed = subprocess.run(
        [*command, "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    # vnu writes its JSON report to stderr.
    report = completed.stderr.strip() or completed.stdout.strip()
    try:
        return json.loads(report)["messages"]
    except (ValueError, KeyError) as error:
        raise AssertionError(f"vnu.jar gave no JSON report (exit {completed.returncode}):\n{report[:2000]}") from error


def format_vnu(messages: list[dict], names: dict[str, str]) -> str:
    lines = []
    for message in messages:
        url = message.get("url", "")
        path = url.removeprefix("file:")
        label = names.get(Path(path).name, path)
        where = (
            f"line {message.get('lastLine', '?')}, column {message.get('firstColumn', message.get('lastColumn', '?'))}"
        )
        extract = (message.get("extract") or "").replace("\n", "⏎")
        lines.append(f"  {label} ({where}): {message.get('message')}\n      {extract}")
    return "\n".join(lines)
