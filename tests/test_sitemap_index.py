"""The sitemap index (/sitemap.xml) and its pages (/sitemap-<section>.xml?p=n): pages are ranges
of ids, so each is one bounded query; the index lists only pages that have something to list.

What the sitemap holds of each type (lists, published items only, translations as alternates)
is tested with the other pages: test_contract.py, test_languages.py, test_publishing.py.
"""

import re

import pytest
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext

from clusterportal.sitemaps import PublishedSitemap
from tests.factories import ArticleFactory
from tests.helpers import assert_branded_404, sitemap_pages

pytestmark = pytest.mark.django_db

SIZE = 3  #: ids per sitemap page in these tests


@pytest.fixture
def three_pages(monkeypatch):
    """Three published articles, each in a range of its own, with runs of drafts between them
    that fill at least one range entirely (empty ranges make no page). The first and the second
    translate each other."""
    monkeypatch.setattr(PublishedSitemap, "limit", SIZE)
    english = ArticleFactory(slug="plant-opens")
    drafts = ArticleFactory.create_batch(2 * SIZE, draft=True)
    russian = ArticleFactory(slug="zavod-otkryt", language="ru", translation_key=english.translation_key)
    drafts += ArticleFactory.create_batch(2 * SIZE, draft=True)
    lone = ArticleFactory(slug="lone")
    published = [english, russian, lone]
    assert len({article.pk // SIZE for article in published}) == 3  # ids run on, one range each
    return published, drafts


def queries_of(client, url: str) -> int:
    reset_queries()  # a request empties the log it counts in (request_started): start from empty
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


def urls_of(text: str) -> dict[str, list[str]]:
    """<loc> -> its alternates' hrefs, for every <url> of a sitemap page."""
    found = {}
    for block in re.findall(r"<url>(.*?)</url>", text, re.S):
        found[re.search(r"<loc>([^<]*)</loc>", block).group(1)] = re.findall(r'hreflang="[^"]*" href="([^"]*)"', block)
    return found


def test_index_lists_the_lists_and_one_page_per_range_that_holds_a_published_item(three_pages, client):
    assert sitemap_pages(client) == [
        "/sitemap-lists.xml",
        "/sitemap-news.xml",
        "/sitemap-news.xml?p=2",
        "/sitemap-news.xml?p=3",
    ]


def test_every_published_item_is_on_exactly_one_page_drafts_on_none(three_pages, client):
    published, drafts = three_pages
    pages = [client.get(f"/sitemap-news.xml?p={n}") for n in (1, 2, 3)]
    assert [page.status_code for page in pages] == [200, 200, 200]
    assert all(page["Content-Type"].startswith("application/xml") for page in pages)
    locs = [loc for page in pages for loc in urls_of(page.text)]
    assert sorted(locs) == sorted(f"http://testserver{article.get_absolute_url()}" for article in published)
    text = "".join(page.text for page in pages)
    for draft in drafts:
        assert draft.slug not in text


def test_translations_on_other_pages_are_still_alternates(three_pages, client):
    urls = {}
    for n in (1, 2, 3):
        urls |= urls_of(client.get(f"/sitemap-news.xml?p={n}").text)
    both = ["http://testserver/news/plant-opens/", "http://testserver/ru/news/zavod-otkryt/"]
    assert urls["http://testserver/news/plant-opens/"] == both
    assert urls["http://testserver/ru/news/zavod-otkryt/"] == both
    assert urls["http://testserver/news/lone/"] == []


def test_queries_of_the_index_and_of_a_page_do_not_depend_on_the_items(three_pages, client):
    index = queries_of(client, "/sitemap.xml")
    assert index <= 10  # a MAX(id) per item section, a query of probes per section that has items
    pages = [queries_of(client, f"/sitemap-news.xml?p={n}") for n in (1, 2, 3)]
    assert pages[0] <= 5  # MAX(id), the probes, the range, the translations on other pages
    assert pages == [pages[0]] * 3
    ArticleFactory.create_batch(2 * SIZE)  # more items, more pages: the same queries each
    assert queries_of(client, "/sitemap.xml") == index
    assert queries_of(client, "/sitemap-news.xml?p=4") == pages[0]


@pytest.mark.parametrize(
    "url",
    [
        "/sitemap-news.xml?p=0",
        "/sitemap-news.xml?p=abc",
        "/sitemap-news.xml?p=999999",
        "/sitemap-news.xml?p=2",  # one article: one page
        "/sitemap-news.xml?p=-1",
        "/sitemap-news.xml?p=+1",
        "/sitemap-news.xml?p=%D9%A3",  # an Arabic-Indic three
        "/sitemap-news.xml?p=%00",
        "/sitemap-news.xml?p=99999999999999999999999999",
        "/sitemap-lists.xml?p=2",
        "/sitemap-portfolio.xml",  # a section with nothing published has no page
        "/sitemap-nosuch.xml",
    ],
)
def test_a_page_that_is_not_in_the_index_is_a_branded_404(url, client):
    ArticleFactory()
    client.raise_request_exception = False
    assert_branded_404(client.get(url))
