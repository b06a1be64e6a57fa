"""Tools of the browser layer: where things are, what is missing, sign-in, waiting, axe, vnu."""

from __future__ import annotations

import importlib.util
import json
import os
import re
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
#: One JVM checks every page once: the quick compiler only (C1) ends that run in less than half
#: the time and CPU the optimising one takes to warm up (measured: 2.7 s instead of 5.8 s for
#: 68 pages, the same report). C1's deeper frames need a larger stack than the default, which
#: overflows on the HTML schema.
VNU_JAVA_OPTIONS = ["-XX:TieredStopAtLevel=1", "-Xss16m"]

DESKTOP = (1280, 800)
PHONE = (390, 844)
#: Playwright's default is 30 s; a local live server answers in milliseconds.
TIMEOUT_MS = 10_000

IN_CI = os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no", "off"}

ARTIFACTS_USED = pytest.StashKey[Path]()
GATE_NOTES = pytest.StashKey[list]()

INSTALL = "run scripts/browser-deps"

#: Where a picture's WebP renditions are served from.
RENDITION_URL = re.compile(r"^/uploads/renditions/\S+\.webp$")


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


# --- pictures ---------------------------------------------------------------------------------


def load_every_image(page) -> None:
    """Load the lazy images now, as if the visitor had scrolled the whole page.

    Screenshots then show every picture, and a picture that fails to load below the fold is
    reported like any other (a lazy image far down a page would otherwise never be fetched).
    """
    page.evaluate("() => document.querySelectorAll('img[loading=lazy]').forEach(img => { img.loading = 'eager'; })")
    wait_for(page, "[...document.images].every(img => img.complete)", message=f"images still loading on {page.url}")


def broken_images(page) -> list[str]:
    """Images that finished loading without a picture (a 404, or a file that is not an image)."""
    return page.evaluate(
        "() => [...document.images].filter(img => img.complete && !(img.naturalWidth > 0))"
        ".map(img => img.currentSrc || img.src)"
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


# --- lists with filters (news, portfolio) -----------------------------------------------------


def list_state(page) -> dict:
    """What a visitor sees of a filtered list: the address, every filter, the page, the titles.

    Works for any section's list: the filters are read from the filter form itself, so a
    section with other filters (news: category, year, month; portfolio: category, status,
    year) needs nothing of its own.
    """
    from urllib.parse import parse_qsl, urlsplit

    query = {key: value for key, value in parse_qsl(urlsplit(page.url).query) if value}
    form = page.locator("form.filters")
    return {
        "path": urlsplit(page.url).path,
        "query": query,
        "filters": form.evaluate(
            "form => Object.fromEntries([...form.elements].filter(e => e.name).map(e => [e.name, e.value]))"
        ),
        "chosen": form.evaluate(
            """form => Object.fromEntries([...form.querySelectorAll("select")]
                .map(s => [s.name, s.selectedOptions[0] ? s.selectedOptions[0].textContent.trim() : ""]))"""
        ),
        "page": page.locator(".pagination [aria-current='page']").inner_text(),
        "count": page.locator(".result-count").inner_text(),
        "titles": page.locator(".card__title").all_inner_texts(),
    }


# --- paper ------------------------------------------------------------------------------------


def squeeze(text: str) -> str:
    """Text without any whitespace: a URL broken over two lines on paper still matches."""
    return "".join(text.split())


def pdf_pages(pdftotext: str, pdf: Path, *, layout: bool = True) -> list[str]:
    """The text of each page of a PDF: as laid out (``-layout``), or in reading order.

    Reading order keeps text set in columns (a gallery's captions) in one piece.
    """
    options = ["-layout"] if layout else []
    text = subprocess.run([pdftotext, *options, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages = pages[:-1]  # pdftotext ends every page with a form feed
    return pages


def pdf_images(pdfimages: str, pdf: Path) -> list[dict]:
    """The pictures drawn in a PDF: one ``{"page", "width", "height"}`` per drawing."""
    lines = subprocess.run(
        [pdfimages, "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]  # two header lines, then one line per image drawn: page, number, type, size…
    found = []
    for line in lines:
        parts = line.split()
        if len(parts) >= 5:
            found.append({"page": int(parts[0]), "width": int(parts[3]), "height": int(parts[4])})
    return found


def print_to_pdf(page, path: Path) -> int:
    """Print the page as Chromium would on A4; return how many pages its content needs.

    The count is the content's height in print layout over the printable height of a page
    (A4 at 96 px/inch, less the print stylesheet's @page margins of 16 mm × 15 mm).
    """
    page.emulate_media(media="print")
    mm = 96 / 25.4
    printable_height = round((297 - 2 * 16) * mm)
    page.set_viewport_size({"width": round((210 - 2 * 15) * mm), "height": printable_height})
    content_height = page.evaluate("() => document.documentElement.scrollHeight")
    page.pdf(path=str(path), format="A4")
    return -(-content_height // printable_height)
