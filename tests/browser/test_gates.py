"""
Quality gates on every page type: accessibility (axe-core), valid HTML (the Nu Html Checker),
no console errors or CSP violations, and screenshots at desktop and phone width.

A section added later adds its page types to ``PUBLIC_PAGES`` (and its admin forms to
``ADMIN_PAGES``); every gate then covers them.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import get_resolver

from clusterportal.templatetags.portal import with_from
from tests.browser import helpers
from tests.browser.content import Newsroom, make_newsroom

pytestmark = pytest.mark.usefixtures("transactional_db")

#: Served by the browser test itself (page.route) with the site's real 500 page and CSP:
#: the live server has no URL that fails on purpose.
SERVER_ERROR_PATH = "/__browser-test__/server-error/"


@dataclass(frozen=True)
class PageType:
    name: str
    url: Callable[[Newsroom], str]
    status: int = 200
    staff: bool = False

    def __str__(self) -> str:
        return self.name


PUBLIC_PAGES = [
    PageType("home", lambda room: "/"),
    PageType("news-list", lambda room: "/news/"),
    PageType("news-list-filtered", lambda room: f"/news/?{room.filter_query}"),
    PageType("news-list-bad-filter", lambda room: "/news/?year=abc"),
    PageType("news-article", lambda room: with_from(room.long_article.get_absolute_url(), room.filter_query)),
    PageType("news-article-print", lambda room: with_from(room.long_article.get_print_url(), room.filter_query)),
    # The public templates as staff see a draft: the same pages plus the preview banner.
    PageType("news-article-preview", lambda room: room.draft.get_absolute_url(), staff=True),
    PageType("news-article-print-preview", lambda room: room.draft.get_print_url(), staff=True),
    PageType("section-coming-soon", lambda room: "/portfolio/"),
    PageType("not-found", lambda room: "/news/no-such-article/", status=404),
    PageType("server-error", lambda room: SERVER_ERROR_PATH, status=500),
]

ADMIN_PAGES = [
    PageType("admin-article-add", lambda room: "/admin/news/article/add/", staff=True),
    PageType("admin-article-change", lambda room: f"/admin/news/article/{room.long_article.pk}/change/", staff=True),
]


@pytest.fixture
def staff_user():
    return get_user_model().objects.create_superuser("gatekeeper", "gatekeeper@example.com", "gatekeeper-pw-1")


def server_error_page() -> tuple[bytes, str]:
    """The body and content type of the site's own 500 page (the configured handler500)."""
    handler = get_resolver().resolve_error_handler(500)
    response = handler(RequestFactory().get("/"))
    return response.content, response.get("Content-Type", "text/html; charset=utf-8")


def fetch(live_server, path: str, *, cookie: dict | None = None) -> tuple[int, dict, bytes]:
    """The raw response, as the server sent it (no browser, no DOM serialisation)."""
    request = urllib.request.Request(live_server.url + path)
    if cookie:
        request.add_header("Cookie", f"{cookie['name']}={cookie['value']}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def open_page(page, live_server, page_type: PageType, room: Newsroom):
    path = page_type.url(room)
    if path == SERVER_ERROR_PATH:
        body, content_type = server_error_page()
        _, headers, _ = fetch(live_server, "/")
        csp = headers.get("Content-Security-Policy", "")
        assert csp, "the site sends no Content-Security-Policy header"

        def serve(route) -> None:
            route.fulfill(status=500, body=body, headers={"Content-Type": content_type, "Content-Security-Policy": csp})

        page.route(live_server.url + SERVER_ERROR_PATH, serve)
    return page.goto(path)


def check_page(page, page_type: PageType, console_log, axe_source: str, artifacts_dir: Path):
    """Screenshots at desktop and phone width, the console, then axe at both widths.

    Returns ``(violations, console_problems)``. The console is read *before* axe runs: axe-core
    itself can trip the CSP (on the admin forms it applies inline styles while it checks), and
    that must be neither blamed on the page nor hide what the page did.
    """
    widths = (("desktop", helpers.DESKTOP), ("phone", helpers.PHONE))
    for label, (width, height) in widths:
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(artifacts_dir / f"{page_type.name}--{label}-{width}.png"), full_page=True)
    page.wait_for_load_state("networkidle")  # lazy images below the fold, late errors
    console = console_log.problems(document_status=page_type.status)

    seen, violations = set(), []
    for label, (width, height) in reversed(widths):
        page.set_viewport_size({"width": width, "height": height})
        for violation in helpers.run_axe(page, axe_source):
            targets = tuple(str(node["target"]) for node in violation["nodes"])
            if (violation["id"], targets) not in seen:
                seen.add((violation["id"], targets))
                violations.append({**violation, "help": f"{violation['help']} (at {label} width)"})
    return violations, console


# --- (a) axe, (c) console and CSP, (d) screenshots: public pages ---------------------------


@pytest.mark.parametrize("page_type", PUBLIC_PAGES, ids=str)
def test_public_page(
    page_type, new_browser_context, live_server, console_log, axe_source, artifacts_dir, gate_notes, staff_user
):
    room = make_newsroom()
    page = new_browser_context(user=staff_user if page_type.staff else None).new_page()
    console_log.watch(page)

    response = open_page(page, live_server, page_type, room)
    assert response.status == page_type.status, f"{page_type.url(room)} answered {response.status}"
    if page_type.staff:
        assert page.get_by_role("status").filter(has_text="not public").is_visible()

    violations, console = check_page(page, page_type, console_log, axe_source, artifacts_dir)
    failing = helpers.serious(violations)
    others = [violation for violation in violations if violation not in failing]
    if others:
        gate_notes.append(helpers.format_axe(f"{page_type} (moderate/minor, not failing)", others))

    problems = []
    if failing:
        problems.append(helpers.format_axe(f"{page_type}: axe, serious or critical", failing))
    if console:
        problems.append(f"{page_type}: console errors or CSP violations:\n  " + "\n  ".join(console))
    assert not problems, "\n\n".join(problems)


# --- (a) axe on the admin's article forms: reported; only critical fails -------------------


@pytest.mark.parametrize("page_type", ADMIN_PAGES, ids=str)
def test_admin_article_form(
    page_type, new_browser_context, live_server, console_log, axe_source, artifacts_dir, gate_notes, staff_user
):
    room = make_newsroom(with_draft=False)
    page = new_browser_context(user=staff_user).new_page()
    console_log.watch(page)
    response = page.goto(page_type.url(room))
    assert response.status == 200
    helpers.wait_for(page, "document.querySelector('.ProseMirror[contenteditable=true]')")

    violations, console = check_page(page, page_type, console_log, axe_source, artifacts_dir)
    if violations:
        gate_notes.append(helpers.format_axe(f"{page_type} (admin: reported; only critical fails)", violations))
    if console:
        gate_notes.append(f"{page_type}: console (admin: reported, not failing):\n  " + "\n  ".join(console))
    critical = helpers.serious(violations, impacts=("critical",))
    assert not critical, helpers.format_axe(f"{page_type}: axe, critical", critical)


# --- (b) valid HTML: every public page type, one JVM start ---------------------------------

#: A page with known errors, checked with the real ones: proof that the checker is working.
CANARY = """<!doctype html><html lang="en"><head><title>canary</title></head>
<body><main><div><p>An unclosed div and a stray end tag.</span></main></body></html>"""


def test_public_pages_are_valid_html(live_server, vnu_command, staff_user, tmp_path, gate_notes):
    room = make_newsroom()
    cookie = helpers.session_cookie(staff_user, live_server.url)
    files, names = [], {}
    for page_type in PUBLIC_PAGES:
        path = page_type.url(room)
        if path == SERVER_ERROR_PATH:
            status, body = 500, server_error_page()[0]
        else:
            status, _, body = fetch(live_server, path, cookie=cookie if page_type.staff else None)
        assert status == page_type.status, f"{path} answered {status}"
        file = tmp_path / f"{page_type.name}.html"
        file.write_bytes(body)
        files.append(file)
        names[file.name] = f"{page_type} {path}"
    canary = tmp_path / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")

    messages = helpers.run_vnu(vnu_command, [*files, canary])
    errors = [message for message in messages if message.get("type") in {"error", "non-document-error"}]
    assert any(message.get("url", "").endswith("/canary.html") for message in errors), (
        "the Nu Html Checker found nothing wrong with a broken page: is it working?"
    )
    real = [message for message in errors if not message.get("url", "").endswith("/canary.html")]
    warnings = [
        message
        for message in messages
        if message.get("subType") == "warning" and not message.get("url", "").endswith("/canary.html")
    ]
    if warnings:
        gate_notes.append("Nu Html Checker warnings (not failing):\n" + helpers.format_vnu(warnings, names))
    assert not real, f"{len(real)} HTML error(s) (saved pages in {tmp_path}):\n" + helpers.format_vnu(real, names)


# --- the gates themselves can fail -----------------------------------------------------------

BROKEN_PAGE = """<!doctype html><html lang="en"><head><title>broken</title></head><body><main>
<h1>Broken on purpose</h1>
<form><input type="text" name="q"></form>
<img src="/static/img/favicon.svg">
<script>document.title = "inline script ran";</script>
</main></body></html>"""


def test_gates_catch_a_broken_page(new_browser_context, live_server, console_log, axe_source):
    """An unlabelled input, an image without alt text and an inline script must be caught."""
    _, headers, _ = fetch(live_server, "/")
    page = new_browser_context().new_page()
    console_log.watch(page)
    page.route(
        live_server.url + "/__browser-test__/broken/",
        lambda route: route.fulfill(
            status=200,
            body=BROKEN_PAGE,
            headers={"Content-Type": "text/html", "Content-Security-Policy": headers["Content-Security-Policy"]},
        ),
    )
    page.goto("/__browser-test__/broken/")
    found = {violation["id"] for violation in helpers.serious(helpers.run_axe(page, axe_source))}
    assert {"label", "image-alt"} <= found, found
    assert console_log.csp_violations(), "the inline script was not reported as a CSP violation"
    assert page.title() == "broken", "the inline script ran despite the CSP"
