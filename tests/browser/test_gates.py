"""
Quality gates on every page type, in every language: accessibility (axe-core), valid HTML (the
Nu Html Checker), no console errors or CSP violations, the page's language in ``<html lang>``,
and screenshots at desktop and phone width.

A section added later adds its page types to ``PUBLIC_PAGES`` (and its admin pages to
``ADMIN_PAGES``), with the content they need (``needs``, made by ``tests/browser/content.py``)
and the group they are checked in; every gate then covers them, in each of ``LANGUAGES``. A page
type's address is written once, for a side of the site (``SiteContent``) in one language:
``site.path("/news/")`` is "/ru/news/" on the Russian side, and items are that side's own.

Making content costs time (pictures), so the pages are checked in groups: one test per group and
language builds the content once, checks each of its pages, and fails naming every page that
failed, with what failed. Lazy pictures are loaded before the screenshots, and a picture that
does not load fails a public page like a console error.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import get_resolver
from django.utils import translation
from django.utils.http import urlencode
from playwright.sync_api import Error as PlaywrightError

from clusterportal.templatetags.portal import with_from
from tests.browser import helpers
from tests.browser.content import RUSSIAN, SiteContent, make_site

pytestmark = pytest.mark.usefixtures("transactional_db")

#: Every page type is checked in each of these (the default language first).
LANGUAGES = ("en", RUSSIAN)

#: Served by the browser test itself (page.route) with the site's real 500 page and CSP:
#: the live server has no URL that fails on purpose.
SERVER_ERROR_PATH = "/__browser-test__/server-error/"


NEWS, PORTFOLIO, MEDIA = ("news",), ("portfolio",), ("media",)
BOTH = (*NEWS, *PORTFOLIO)
EVERYTHING = (*BOTH, *MEDIA)

#: Waits until the rich-text editor has booted (admin forms of content with a body).
EDITOR_READY = "document.querySelector('.ProseMirror[contenteditable=true]')"


@dataclass(frozen=True)
class PageType:
    name: str
    #: The page's address on one side of the site (``SiteContent``, in one language).
    url: Callable[[SiteContent], str]
    #: The pages checked together, on one build of content (see ``page_groups``).
    group: str
    status: int = 200
    staff: bool = False
    #: The sections whose content the page needs (making content costs time: pictures).
    needs: tuple[str, ...] = ()
    #: A JavaScript expression that is truthy once the page is ready to be checked.
    ready: str = ""

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Page:
    """A page type in one language: what the gates open, and name when it fails."""

    type: PageType
    language: str

    @property
    def name(self) -> str:
        """ "news-article" in the default language, "news-article-ru" in Russian."""
        return self.type.name if self.language == settings.LANGUAGE_CODE else f"{self.type.name}-{self.language}"

    def __str__(self) -> str:
        return self.name

    def url(self, site: SiteContent) -> str:
        return self.type.url(site.in_language(self.language))


@dataclass(frozen=True)
class PageGroup:
    """Page types checked in one test, in one language, on content built once for all of them."""

    name: str
    language: str
    pages: tuple[Page, ...]

    def __str__(self) -> str:
        return f"{self.name}-{self.language}"

    @property
    def needs(self) -> set[str]:
        return {section for page in self.pages for section in page.type.needs}

    def make_content(self, *, with_drafts: bool = True) -> SiteContent:
        """The sections the group's pages need; with their Russian side for the Russian pages
        (which link to their English translations, so both sides are made)."""
        return make_site(
            news="news" in self.needs,
            portfolio="portfolio" in self.needs,
            media="media" in self.needs,
            with_drafts=with_drafts,
            russian=self.language == RUSSIAN,
        )


def page_groups(page_types: list[PageType]) -> list[PageGroup]:
    """One group per group name and language, in the order the names first appear."""
    names = dict.fromkeys(page_type.group for page_type in page_types)
    return [
        PageGroup(name, language, tuple(Page(each, language) for each in page_types if each.group == name))
        for name in names
        for language in LANGUAGES
    ]


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
    # Home, search and the error pages: every section's content.
    PageType("home", lambda site: site.path("/"), "site", needs=EVERYTHING),
    PageType("search", lambda site: site.path("/search/"), "site"),
    PageType("search-results", lambda site: site.path(f"/search/?{search_query(site)}"), "site", needs=EVERYTHING),
    PageType("search-no-results", lambda site: site.path("/search/?q=zyxwvut"), "site", needs=NEWS),
    PageType("search-bad-input", lambda site: site.path("/search/?q=a&type=bogus"), "site", needs=NEWS),
    PageType("not-found", lambda site: site.path("/news/no-such-article/"), "site", status=404),
    PageType("server-error", lambda site: site.path(SERVER_ERROR_PATH), "site", status=500),
    # News.
    PageType("news-list", lambda site: site.path("/news/"), "news", needs=NEWS),
    PageType("news-list-filtered", lambda site: site.path(f"/news/?{news_filter(site)}"), "news", needs=NEWS),
    PageType("news-list-bad-filter", lambda site: site.path("/news/?year=abc"), "news", needs=NEWS),
    PageType(
        "news-article",
        lambda site: with_from(site.news.long_article.get_absolute_url(), news_filter(site)),
        "news",
        needs=NEWS,
    ),
    PageType(
        "news-article-print",
        lambda site: with_from(site.news.long_article.get_print_url(), news_filter(site)),
        "news",
        needs=NEWS,
    ),
    # The public templates as staff see a draft: the same pages plus the preview banner.
    PageType("news-article-preview", lambda site: site.news.draft.get_absolute_url(), "news", staff=True, needs=NEWS),
    PageType(
        "news-article-print-preview", lambda site: site.news.draft.get_print_url(), "news", staff=True, needs=NEWS
    ),
    # The portfolio.
    PageType("portfolio-list", lambda site: site.path("/portfolio/"), "portfolio", needs=PORTFOLIO),
    PageType(
        "portfolio-list-filtered",
        lambda site: site.path(f"/portfolio/?{portfolio_filter(site)}"),
        "portfolio",
        needs=PORTFOLIO,
    ),
    PageType("portfolio-list-bad-filter", lambda site: site.path("/portfolio/?year=abc"), "portfolio", needs=PORTFOLIO),
    PageType(
        "portfolio-entry",
        lambda site: with_from(site.portfolio.showcase.get_absolute_url(), portfolio_filter(site)),
        "portfolio",
        needs=PORTFOLIO,
    ),
    PageType(
        "portfolio-entry-print",
        lambda site: with_from(site.portfolio.showcase.get_print_url(), portfolio_filter(site)),
        "portfolio",
        needs=PORTFOLIO,
    ),
    PageType(
        "portfolio-entry-preview",
        lambda site: site.portfolio.draft.get_absolute_url(),
        "portfolio",
        staff=True,
        needs=PORTFOLIO,
    ),
    PageType(
        "portfolio-entry-print-preview",
        lambda site: site.portfolio.draft.get_print_url(),
        "portfolio",
        staff=True,
        needs=PORTFOLIO,
    ),
    # The media center: its landing page and galleries…
    PageType("media-center-landing", lambda site: site.path("/media-center/"), "galleries", needs=(*NEWS, *MEDIA)),
    PageType(
        "media-center-landing-videos", lambda site: site.path("/media-center/?type=videos"), "galleries", needs=MEDIA
    ),
    PageType("gallery-list", lambda site: site.path("/media-center/galleries/"), "galleries", needs=MEDIA),
    PageType(
        "gallery",
        lambda site: with_from(site.media.showcase.get_absolute_url(), gallery_filter(site)),
        "galleries",
        needs=MEDIA,
    ),
    PageType(
        "gallery-photo",
        lambda site: with_from(site.media.showcase.get_photo_url(2), gallery_filter(site)),
        "galleries",
        needs=MEDIA,
    ),
    PageType(
        "gallery-print",
        lambda site: with_from(site.media.showcase.get_print_url(), gallery_filter(site)),
        "galleries",
        needs=MEDIA,
    ),
    PageType("gallery-empty", lambda site: site.media.empty_gallery.get_absolute_url(), "galleries", needs=MEDIA),
    # … videos, publications and press.
    PageType("video-list", lambda site: site.path("/media-center/videos/"), "media", needs=MEDIA),
    PageType("video", lambda site: site.media.video.get_absolute_url(), "media", needs=MEDIA),
    PageType(
        "publication-list-filtered",
        lambda site: site.path(f"/media-center/publications/?{site.media.publication_query}"),
        "media",
        needs=MEDIA,
    ),
    PageType("publication", lambda site: site.media.publication.get_absolute_url(), "media", needs=MEDIA),
    PageType("press-list", lambda site: site.path("/media-center/press/"), "media", needs=MEDIA),
]

#: The admin has no language prefix: its language is the editor's choice (Page.language, sent
#: as the language cookie its header's button sets). Items are those of that language's side.
ADMIN_PAGES = [
    PageType(
        "admin-article-add",
        lambda site: "/admin/news/article/add/",
        "admin-content",
        staff=True,
        needs=NEWS,
        ready=EDITOR_READY,
    ),
    PageType(
        "admin-article-change",
        lambda site: f"/admin/news/article/{site.news.long_article.pk}/change/",
        "admin-content",
        staff=True,
        needs=NEWS,
        ready=EDITOR_READY,
    ),
    PageType(
        "admin-entry-add",
        lambda site: "/admin/portfolio/entry/add/",
        "admin-content",
        staff=True,
        needs=PORTFOLIO,
        ready=EDITOR_READY,
    ),
    PageType(
        "admin-entry-change",
        lambda site: f"/admin/portfolio/entry/{site.portfolio.showcase.pk}/change/",
        "admin-content",
        staff=True,
        needs=PORTFOLIO,
        ready=EDITOR_READY,
    ),
    PageType("admin-picture-list", lambda site: "/admin/clusterportal/picture/", "admin-media", staff=True),
    PageType("admin-picture-add", lambda site: "/admin/clusterportal/picture/add/", "admin-media", staff=True),
    PageType("admin-picture-upload", lambda site: "/admin/clusterportal/picture/upload/", "admin-media", staff=True),
    PageType(
        "admin-gallery-change",
        lambda site: f"/admin/media_center/gallery/{site.media.showcase.pk}/change/",
        "admin-media",
        staff=True,
        needs=MEDIA,
    ),
    PageType(
        "admin-gallery-add-photos",
        lambda site: f"/admin/media_center/gallery/{site.media.showcase.pk}/add-photos/",
        "admin-media",
        staff=True,
        needs=MEDIA,
    ),
    PageType("admin-video-add", lambda site: "/admin/media_center/video/add/", "admin-media", staff=True),
]

PUBLIC_GROUPS = page_groups(PUBLIC_PAGES)
ADMIN_GROUPS = page_groups(ADMIN_PAGES)


@pytest.fixture
def staff_user():
    return get_user_model().objects.create_superuser("gatekeeper", "gatekeeper@example.com", "gatekeeper-pw-1")


def server_error_page(language: str) -> tuple[bytes, str]:
    """The body and content type of the site's own 500 page (the configured handler500), as a
    request for a page in ``language`` gets it."""
    handler = get_resolver().resolve_error_handler(500)
    with translation.override(language):
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


def open_page(page, live_server, checked: Page, path: str):
    if checked.type.status == 500:
        body, content_type = server_error_page(checked.language)
        _, headers, _ = fetch(live_server, "/")
        csp = headers.get("Content-Security-Policy", "")
        assert csp, "the site sends no Content-Security-Policy header"

        def serve(route) -> None:
            route.fulfill(status=500, body=body, headers={"Content-Type": content_type, "Content-Security-Policy": csp})

        page.route(live_server.url + path, serve)
    return page.goto(path)


def screenshot(page, path: Path, attempts: int = 3) -> None:
    """A full-page screenshot. Chromium now and then answers a capture, on a loaded 2-core machine,
    with "Protocol error … Unable to capture screenshot": a fault of the capture, not of the page
    (which is checked by axe, the console and vnu), so it is tried again before it fails."""
    for attempt in range(1, attempts + 1):
        try:
            page.screenshot(path=str(path), full_page=True)
            return
        except PlaywrightError as error:
            if "Unable to capture screenshot" not in str(error) or attempt == attempts:
                raise
            page.wait_for_timeout(200 * attempt)


def check_page(page, checked: Page, console_log, axe_source: str, artifacts_dir: Path):
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
        screenshot(page, artifacts_dir / f"{checked.name}--{label}-{width}.png")
    page.wait_for_load_state("networkidle")  # late errors
    console = console_log.problems(document_status=checked.type.status)
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


def language_problem(page, checked: Page) -> str | None:
    """``<html lang>`` must say the page's language."""
    lang = page.evaluate("() => document.documentElement.getAttribute('lang')")
    if lang != checked.language:
        return f"<html lang={lang!r}>, but this is the {checked.language!r} page"
    return None


class Findings:
    """What failed, page by page: a group's test fails once, naming every page that failed."""

    def __init__(self) -> None:
        self.failed: dict[str, list[str]] = {}

    def check(self, checked: Page, site: SiteContent, run: Callable[[Page, str], list[str]]) -> None:
        """Run one page's checks; an error on one page (a timeout…) is that page's finding."""
        path = "?"
        try:
            path = checked.url(site)
            problems = run(checked, path)
        except Exception as error:  # named with its page; the other pages still run
            problems = [f"{type(error).__name__}: {error}"]
        if problems:
            self.failed[f"{checked} ({path})"] = problems

    def report(self) -> str:
        lines = [f"{len(self.failed)} page(s) failed: {', '.join(self.failed)}"]
        for page, problems in self.failed.items():
            lines.append(f"\n=== {page}")
            lines.extend(problems)
        return "\n".join(lines)


class Tabs:
    """A group's browser tabs: one per kind of visitor (its own context, cookies), reused from
    page to page (a new tab costs about 0.2 s); one that failed is replaced."""

    def __init__(self, open_tab: Callable[[str], object], console_log) -> None:
        self._open_tab = open_tab
        self._console_log = console_log
        self._tabs: dict[str, object] = {}

    def check(self, visitor: str, run: Callable) -> list[str]:
        """``run(tab)`` in ``visitor``'s tab, with a clear console log and at desktop width."""
        tab = self._tabs.get(visitor)
        if tab is None:
            tab = self._tabs[visitor] = self._open_tab(visitor)
            self._console_log.watch(tab)
        self._console_log.clear()
        tab.set_viewport_size({"width": helpers.DESKTOP[0], "height": helpers.DESKTOP[1]})
        try:
            return run(tab)
        except Exception:
            del self._tabs[visitor]
            tab.close()
            raise


# --- (a) axe, (c) console and CSP, (d) screenshots, and <html lang>: public pages -----------


@pytest.mark.parametrize("group", PUBLIC_GROUPS, ids=str)
def test_public_pages(
    group, new_browser_context, live_server, console_log, axe_source, artifacts_dir, gate_notes, staff_user
):
    site = group.make_content()
    users = {"visitor": None, "staff": staff_user}
    tabs = Tabs(lambda visitor: new_browser_context(user=users[visitor]).new_page(), console_log)

    def check(checked: Page, path: str) -> list[str]:
        return tabs.check("staff" if checked.type.staff else "visitor", lambda page: check_in(page, checked, path))

    def check_in(page, checked: Page, path: str) -> list[str]:
        response = open_page(page, live_server, checked, path)
        if response.status != checked.type.status:
            return [f"answered {response.status}, not {checked.type.status}"]
        problems = []
        if checked.type.staff and not page.locator(".preview-banner[role=status]").is_visible():
            problems.append("no preview banner: is this the draft's staff preview?")
        if problem := language_problem(page, checked):
            problems.append(problem)

        violations, console = check_page(page, checked, console_log, axe_source, artifacts_dir)
        failing = helpers.serious(violations)
        others = [violation for violation in violations if violation not in failing]
        if others:
            gate_notes.append(helpers.format_axe(f"{checked} (moderate/minor, not failing)", others))
        if failing:
            problems.append(helpers.format_axe("axe, serious or critical", failing))
        if console:
            problems.append("console errors, CSP violations or pictures that did not load:\n  " + "\n  ".join(console))
        return problems

    findings = Findings()
    for checked in group.pages:
        findings.check(checked, site, check)
    assert not findings.failed, findings.report()


# --- (a) axe on the admin's content forms and picture library: reported; only critical fails -


@pytest.mark.parametrize("group", ADMIN_GROUPS, ids=str)
def test_admin_pages(
    group, new_browser_context, live_server, console_log, axe_source, artifacts_dir, gate_notes, staff_user
):
    site = group.make_content(with_drafts=False)

    def open_tab(visitor: str):
        context = new_browser_context(user=staff_user)
        # The editor's language choice, as the admin's language button leaves it.
        context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": group.language, "url": live_server.url}])
        return context.new_page()

    tabs = Tabs(open_tab, console_log)

    def check(checked: Page, path: str) -> list[str]:
        return tabs.check("editor", lambda page: check_in(page, checked, path))

    def check_in(page, checked: Page, path: str) -> list[str]:
        response = page.goto(path)
        if response.status != 200:
            return [f"answered {response.status}"]
        if checked.type.ready:
            helpers.wait_for(page, checked.type.ready)
        problems = [problem] if (problem := language_problem(page, checked)) else []
        violations, console = check_page(page, checked, console_log, axe_source, artifacts_dir)
        if violations:
            gate_notes.append(helpers.format_axe(f"{checked} (admin: reported; only critical fails)", violations))
        if console:
            gate_notes.append(f"{checked}: console (admin: reported, not failing):\n  " + "\n  ".join(console))
        critical = helpers.serious(violations, impacts=("critical",))
        if critical:
            problems.append(helpers.format_axe("axe, critical", critical))
        return problems

    findings = Findings()
    for checked in group.pages:
        findings.check(checked, site, check)
    assert not findings.failed, findings.report()


# --- (b) valid HTML: every public page type in every language, one JVM start ---------------

#: A page with known errors, checked with the real ones: proof that the checker is working.
CANARY = """<!doctype html><html lang="en"><head><title>canary</title></head>
<body><main><div><p>An unclosed div and a stray end tag.</span></main></body></html>"""


def test_public_pages_are_valid_html(live_server, vnu_command, staff_user, tmp_path, gate_notes):
    site = make_site(russian=True)
    cookie = helpers.session_cookie(staff_user, live_server.url)
    files, names, wrong_status = [], {}, []
    for group in PUBLIC_GROUPS:
        for checked in group.pages:
            path = checked.url(site)
            if checked.type.status == 500:
                status, body = 500, server_error_page(checked.language)[0]
            else:
                status, _, body = fetch(live_server, path, cookie=cookie if checked.type.staff else None)
            if status != checked.type.status:
                wrong_status.append(f"{checked} {path} answered {status}, not {checked.type.status}")
            file = tmp_path / f"{checked.name}.html"
            file.write_bytes(body)
            files.append(file)
            names[file.name] = f"{checked} {path}"
    assert not wrong_status, "\n".join(wrong_status)
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
