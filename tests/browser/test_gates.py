"""
Quality gates on every page type: accessibility (axe-core), valid HTML (the Nu Html Checker),
no console errors or CSP violations, and screenshots at desktop and phone width.

A section added later adds its page types to ``PUBLIC_PAGES`` (and its admin pages to
``ADMIN_PAGES``), with the content they need (``needs``, made by ``tests/browser/content.py``);
every gate then covers them. Lazy pictures are loaded before the screenshots, and a picture
that does not load fails a public page like a console error.
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
from django.utils.http import urlencode

from clusterportal.templatetags.portal import with_from
from tests.browser import helpers
from tests.browser.content import SiteContent, make_site

pytestmark = pytest.mark.usefixtures("transactional_db")

#: Served by the browser test itself (page.route) with the site's real 500 page and CSP:
#: the live server has no URL that fails on purpose.
SERVER_ERROR_PATH = "/__browser-test__/server-error/"


NEWS, PORTFOLIO, MEDIA = ("news",), ("portfolio",), ("media",)
BOTH = (*NEWS, *PORTFOLIO)

#: Waits until the rich-text editor has booted (admin forms of content with a body).
EDITOR_READY = "document.querySelector('.ProseMirror[contenteditable=true]')"


@dataclass(frozen=True)
class PageType:
    name: str
    url: Callable[[SiteContent], str]
    status: int = 200
    staff: bool = False
    #: The sections whose content the page needs (making content costs time: pictures).
    needs: tuple[str, ...] = ()
    #: A JavaScript expression that is truthy once the page is ready to be checked.
    ready: str = ""

    def __str__(self) -> str:
        return self.name

    def make_content(self, *, with_drafts: bool = True) -> SiteContent:
        return make_site(
            news="news" in self.needs,
            portfolio="portfolio" in self.needs,
            media="media" in self.needs,
            with_drafts=with_drafts,
        )


def news_filter(site: SiteContent) -> str:
    return site.news.filter_query


def portfolio_filter(site: SiteContent) -> str:
    return site.portfolio.filter_query


def gallery_filter(site: SiteContent) -> str:
    return site.media.gallery_query


def search_query(site: SiteContent) -> str:
    """A word of the long article's title: results of several types, with highlighted words."""
    return urlencode({"q": max(site.news.long_article.title.split(), key=len)})


PUBLIC_PAGES = [
    PageType("home", lambda site: "/", needs=(*BOTH, *MEDIA)),
    PageType("news-list", lambda site: "/news/", needs=NEWS),
    PageType("news-list-filtered", lambda site: f"/news/?{news_filter(site)}", needs=NEWS),
    PageType("news-list-bad-filter", lambda site: "/news/?year=abc", needs=NEWS),
    PageType(
        "news-article",
        lambda site: with_from(site.news.long_article.get_absolute_url(), news_filter(site)),
        needs=NEWS,
    ),
    PageType(
        "news-article-print",
        lambda site: with_from(site.news.long_article.get_print_url(), news_filter(site)),
        needs=NEWS,
    ),
    # The public templates as staff see a draft: the same pages plus the preview banner.
    PageType("news-article-preview", lambda site: site.news.draft.get_absolute_url(), staff=True, needs=NEWS),
    PageType("news-article-print-preview", lambda site: site.news.draft.get_print_url(), staff=True, needs=NEWS),
    PageType("portfolio-list", lambda site: "/portfolio/", needs=PORTFOLIO),
    PageType("portfolio-list-filtered", lambda site: f"/portfolio/?{portfolio_filter(site)}", needs=PORTFOLIO),
    PageType("portfolio-list-bad-filter", lambda site: "/portfolio/?year=abc", needs=PORTFOLIO),
    PageType(
        "portfolio-entry",
        lambda site: with_from(site.portfolio.showcase.get_absolute_url(), portfolio_filter(site)),
        needs=PORTFOLIO,
    ),
    PageType(
        "portfolio-entry-print",
        lambda site: with_from(site.portfolio.showcase.get_print_url(), portfolio_filter(site)),
        needs=PORTFOLIO,
    ),
    PageType(
        "portfolio-entry-preview", lambda site: site.portfolio.draft.get_absolute_url(), staff=True, needs=PORTFOLIO
    ),
    PageType(
        "portfolio-entry-print-preview",
        lambda site: site.portfolio.draft.get_print_url(),
        staff=True,
        needs=PORTFOLIO,
    ),
    PageType("media-center-landing", lambda site: "/media-center/", needs=(*NEWS, *MEDIA)),
    PageType("media-center-landing-videos", lambda site: "/media-center/?type=videos", needs=MEDIA),
    PageType("gallery-list", lambda site: "/media-center/galleries/", needs=MEDIA),
    PageType(
        "gallery", lambda site: with_from(site.media.showcase.get_absolute_url(), gallery_filter(site)), needs=MEDIA
    ),
    PageType(
        "gallery-photo", lambda site: with_from(site.media.showcase.get_photo_url(2), gallery_filter(site)), needs=MEDIA
    ),
    PageType(
        "gallery-print", lambda site: with_from(site.media.showcase.get_print_url(), gallery_filter(site)), needs=MEDIA
    ),
    PageType("gallery-empty", lambda site: site.media.empty_gallery.get_absolute_url(), needs=MEDIA),
    PageType("video-list", lambda site: "/media-center/videos/", needs=MEDIA),
    PageType("video", lambda site: site.media.video.get_absolute_url(), needs=MEDIA),
    PageType(
        "publication-list-filtered",
        lambda site: f"/media-center/publications/?{site.media.publication_query}",
        needs=MEDIA,
    ),
    PageType("publication", lambda site: site.media.publication.get_absolute_url(), needs=MEDIA),
    PageType("press-list", lambda site: "/media-center/press/", needs=MEDIA),
    PageType("search", lambda site: "/search/"),
    PageType("search-results", lambda site: f"/search/?{search_query(site)}", needs=(*BOTH, *MEDIA)),
    PageType("search-no-results", lambda site: "/search/?q=zyxwvut", needs=NEWS),
    PageType("search-bad-input", lambda site: "/search/?q=a&type=bogus", needs=NEWS),
    PageType("not-found", lambda site: "/news/no-such-article/", status=404),
    PageType("server-error", lambda site: SERVER_ERROR_PATH, status=500),
]

ADMIN_PAGES = [
    PageType("admin-article-add", lambda site: "/admin/news/article/add/", staff=True, needs=NEWS, ready=EDITOR_READY),
    PageType(
        "admin-article-change",
        lambda site: f"/admin/news/article/{site.news.long_article.pk}/change/",
        staff=True,
        needs=NEWS,
        ready=EDITOR_READY,
    ),
    PageType("admin-picture-list", lambda site: "/admin/clusterportal/picture/", staff=True, needs=PORTFOLIO),
    PageType("admin-picture-add", lambda site: "/admin/clusterportal/picture/add/", staff=True),
    PageType("admin-picture-upload", lambda site: "/admin/clusterportal/picture/upload/", staff=True),
    PageType(
        "admin-entry-add",
        lambda site: "/admin/portfolio/entry/add/",
        staff=True,
        needs=PORTFOLIO,
        ready=EDITOR_READY,
    ),
    PageType(
        "admin-entry-change",
        lambda site: f"/admin/portfolio/entry/{site.portfolio.showcase.pk}/change/",
        staff=True,
        needs=PORTFOLIO,
        ready=EDITOR_READY,
    ),
    PageType(
        "admin-gallery-change",
        lambda site: f"/admin/media_center/gallery/{site.media.showcase.pk}/change/",
        staff=True,
        needs=MEDIA,
    ),
    PageType(
        "admin-gallery-add-photos",
        lambda site: f"/admin/media_center/gallery/{site.media.showcase.pk}/add-photos/",
        staff=True,
        needs=MEDIA,
    ),
    PageType("admin-video-add", lambda site: "/admin/media_center/video/add/", staff=True),
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


def open_page(page, live_server, page_type: PageType, site: SiteContent):
    path = page_type.url(site)
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

    Returns ``(violations, console_problems)``; pictures that did not load count as console
    problems. The console is read *before* axe runs: axe-core itself can trip the CSP (on the
    admin forms it applies inline styles while it checks), and that must be neither blamed on the
    page nor hide what the page did.
    """
    widths = (("desktop", helpers.DESKTOP), ("phone", helpers.PHONE))
    for label, (width, height) in widths:
        page.set_viewport_size({"width": width, "height": height})
        helpers.load_every_image(page)  # at each width: srcset may pick another rendition
        page.screenshot(path=str(artifacts_dir / f"{page_type.name}--{label}-{width}.png"), full_page=True)
    page.wait_for_load_state("networkidle")  # late errors
    console = console_log.problems(document_status=page_type.status)
    console += [f"{page.url}: a picture did not load: {src}" for src in helpers.broken_images(page)]

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
    site = page_type.make_content()
    page = new_browser_context(user=staff_user if page_type.staff else None).new_page()
    console_log.watch(page)

    response = open_page(page, live_server, page_type, site)
    assert response.status == page_type.status, f"{page_type.url(site)} answered {response.status}"
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
        problems.append(
            f"{page_type}: console errors, CSP violations or pictures that did not load:\n  " + "\n  ".join(console)
        )
    assert not problems, "\n\n".join(problems)


# --- (a) axe on the admin's content forms and picture library: reported; only critical fails -


@pytest.mark.parametrize("page_type", ADMIN_PAGES, ids=str)
def test_admin_page(
    page_type, new_browser_context, live_server, console_log, axe_source, artifacts_dir, gate_notes, staff_user
):
    site = page_type.make_content(with_drafts=False)
    page = new_browser_context(user=staff_user).new_page()
    console_log.watch(page)
    response = page.goto(page_type.url(site))
    assert response.status == 200
    if page_type.ready:
        helpers.wait_for(page, page_type.ready)

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
    site = make_site()
    cookie = helpers.session_cookie(staff_user, live_server.url)
    files, names = [], {}
    for page_type in PUBLIC_PAGES:
        path = page_type.url(site)
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
<img src="/static/css/site.css" alt="A stylesheet served where a picture should be">
<script>document.title = "inline script ran";</script>
</main></body></html>"""


def test_gates_catch_a_broken_page(new_browser_context, live_server, console_log, axe_source):
    """An unlabelled input, an image without alt text, a picture that does not load and an inline
    script must be caught."""
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
    helpers.load_every_image(page)
    assert helpers.broken_images(page) == [live_server.url + "/static/css/site.css"]
    assert console_log.csp_violations(), "the inline script was not reported as a CSP violation"
    assert page.title() == "broken", "the inline script ran despite the CSP"
