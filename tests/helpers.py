"""What tests read off a rendered page, and the dates they set it at: written once, for every section.

Section test files import from here; a helper that only one section needs stays in its file.
"""

import datetime
import html
import re
from urllib.parse import parse_qs, urlsplit

from django.conf import settings

#: The site's time zone, for dates a visitor sees.
MOSCOW = datetime.timezone(datetime.timedelta(hours=3))

#: What an error page must never show a visitor (a debug page, a settings name, the URLconf).
LEAKS = ("Traceback", "SECRET_KEY", "Using the URLconf", "DEBUG = True", "django.urls", "settings.py")


def at(year, month=6, day=15, hour=12) -> datetime.datetime:
    """Noon in Moscow (mid-June unless told): far from any day, month or year boundary in the site's time zone."""
    return datetime.datetime(year, month, day, hour, tzinfo=MOSCOW)


# --- error pages --------------------------------------------------------------------------------


def assert_branded_404(response) -> None:
    """A 404 with the site's own page: its name, the way home, and no leak."""
    assert response.status_code == 404
    text = response.text
    assert "Page not found" in text
    assert settings.SITE_NAME in text
    assert 'href="/"' in text
    for leak in LEAKS:
        assert leak not in text


# --- links --------------------------------------------------------------------------------------


def hrefs(response, pattern: str) -> list[str]:
    """The unescaped href of every <a> whose opening tag and text match ``pattern``."""
    found = []
    for tag, text in re.findall(r"(<a\b[^>]*>)(.*?)</a>", response.text, re.S):
        if re.search(pattern, tag + text + "</a>"):
            found.append(html.unescape(re.search(r'href="([^"]*)"', tag).group(1)))
    return found


def only_href(response, pattern: str) -> str:
    found = hrefs(response, pattern)
    assert len(found) == 1, f"expected one link matching {pattern!r}, found {found}"
    return found[0]


def return_href(response) -> str:
    """Where an item page's Return link leads (the list the visitor came from, or the plain list)."""
    match = re.search(r'<a class="return-link" href="([^"]*)"', response.text)
    assert match, "no Return link on the page"
    return html.unescape(match.group(1))


def neighbours(response) -> dict[str, str]:
    """{"prev": newer item's title, "next": older item's title}, as linked on the page."""
    found = re.findall(r'<a href="[^"]*" rel="(prev|next)">([^<]*)</a>', response.text)
    return {rel: html.unescape(title) for rel, title in found}


def query(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


# --- lists --------------------------------------------------------------------------------------


def card_titles(response) -> list[str]:
    return [html.unescape(t) for t in re.findall(r'<h2 class="card__title"><a href="[^"]*">([^<]*)</a>', response.text)]


def card_links(response) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'<h2 class="card__title"><a href="([^"]*)">', response.text)]


def pagination_links(response) -> dict[str, str]:
    """Link text (page number, "Newer", "Older") -> href, from the pagination nav."""
    nav = re.search(r'<nav class="pagination".*?</nav>', response.text, re.S)
    assert nav, "no pagination on the page"
    links = {}
    for href, text in re.findall(r'<a[^>]*href="([^"]*)"[^>]*>([^<]*)</a>', nav.group(0)):
        links[html.unescape(text).replace("←", "").replace("→", "").strip()] = html.unescape(href)
    return links


# --- what a page loads --------------------------------------------------------------------------


def cover_on(text: str) -> str:
    """The <img> of the cover at the top of an article page."""
    return re.search(r'<figure class="article__cover">\s*(<img[^>]*>)', text).group(1)


def resource_urls(text: str) -> list[str]:
    """Every URL the page loads by itself: src/srcset of img, iframe, script, source; stylesheets and icons."""
    found = re.findall(r"<(?:img|iframe|script|source|video|audio|embed)\b[^>]*?\bsrc=\"([^\"]*)\"", text)
    for srcset in re.findall(r"\bsrcset=\"([^\"]*)\"", text):
        found += [part.split()[0] for part in srcset.split(",") if part.strip()]
    for tag in re.findall(r"<link\b[^>]*>", text):
        if re.search(r'rel="[^"]*\b(stylesheet|icon|preload|prefetch|modulepreload|manifest)\b', tag):
            found.append(re.search(r'href="([^"]*)"', tag).group(1))
    found += re.findall(r"url\(([^)]*)\)", text)
    return [html.unescape(url) for url in found]


# --- the sitemap --------------------------------------------------------------------------------


def sitemap_pages(client) -> list[str]:
    """The address (path and query) of every page the sitemap index (/sitemap.xml) lists."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert "<sitemapindex" in response.text
    locs = re.findall(r"<sitemap>\s*<loc>([^<]*)</loc>", response.text)
    return [html.unescape(loc).removeprefix("http://testserver") for loc in locs]


def sitemap_text(client) -> str:
    """Every page of the sitemap, as one text: what a crawler reads, starting at /sitemap.xml."""
    texts = []
    for page in sitemap_pages(client):
        response = client.get(page)
        assert response.status_code == 200, page
        assert response.text.count("<url>") >= 1, page  # the schema wants at least one
        texts.append(response.text)
    return "\n".join(texts)
