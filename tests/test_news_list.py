"""The news list: newest first, paginated, filtered; filters survive paging and Return.

What every content type shares is tested once, for each type, in tests/test_contract.py.
"""

import datetime
import html
import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusterportal import registry
from tests.factories import ArticleFactory, CategoryFactory
from tests.helpers import at, card_links, card_titles, pagination_links, query

pytestmark = pytest.mark.django_db


def on_list(href: str) -> str:
    """A pagination href ("?page=2", as {% querystring %} writes it) as a path to request."""
    return href if href.startswith("/") else "/news/" + href


@pytest.fixture
def gmp():
    return CategoryFactory(name="GMP News", slug="gmp-news")


@pytest.fixture
def events():
    return CategoryFactory(name="Events", slug="events")


# --- order and pagination -----------------------------------------------------------------------


def test_same_time_articles_have_a_stable_order(client):
    first = ArticleFactory(title="First saved", published_at=at(2024))
    second = ArticleFactory(title="Second saved", published_at=first.published_at)
    assert card_titles(client.get("/news/")) == [second.title, first.title]


def test_ten_articles_per_page_with_numbered_pages(client):
    for n in range(23):
        ArticleFactory(title=f"Article {n:02}", published_at=at(2024, 1, 1) + datetime.timedelta(days=n))

    page1 = client.get("/news/")
    assert card_titles(page1) == [f"Article {n:02}" for n in range(22, 12, -1)]
    assert "23 articles, page 1 of 3" in page1.text
    links = pagination_links(page1)
    assert query(links["2"]) == {"page": ["2"]}
    assert query(links["3"]) == {"page": ["3"]}
    assert query(links["Older"]) == {"page": ["2"]}
    assert "Newer" not in links
    assert 'aria-current="page"' in page1.text

    page3 = client.get("/news/?page=3")
    assert card_titles(page3) == ["Article 02", "Article 01", "Article 00"]
    assert "page 3 of 3" in page3.text
    assert "Older" not in pagination_links(page3)
    assert query(pagination_links(page3)["Newer"]) == {"page": ["2"]}
    assert client.get("/news/?page=4").status_code == 404


def test_single_page_has_no_pagination(client):
    ArticleFactory.create_batch(10)
    response = client.get("/news/")
    assert len(card_titles(response)) == 10
    assert 'class="pagination"' not in response.text
    assert "10 articles" in response.text


def test_empty_list_says_so(client):
    response = client.get("/news/")
    assert response.status_code == 200
    assert "0 articles" in response.text
    assert "No articles match" in response.text


# --- filters ------------------------------------------------------------------------------------


def test_category_filter_narrows_the_list(client, gmp, events):
    ArticleFactory(title="Inspection passed", category=gmp)
    ArticleFactory(title="Open day", category=events)
    response = client.get("/news/?category=gmp-news")
    assert response.status_code == 200
    assert card_titles(response) == ["Inspection passed"]
    assert "1 article" in response.text
    assert "Clear filters" in response.text


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"year": "2023"}, ["Dec 2023", "Mar 2023"]),
        ({"year": "2024"}, ["Mar 2024"]),
        ({"month": "3"}, ["Mar 2024", "Mar 2023"]),
        ({"year": "2023", "month": "12"}, ["Dec 2023"]),
        ({"year": "2024", "month": "12"}, []),
        ({"category": "events", "year": "2023"}, ["Dec 2023"]),
        ({"category": "gmp-news", "month": "3"}, ["Mar 2024", "Mar 2023"]),
    ],
)
def test_year_month_and_category_filters_narrow_the_list(params, expected, client, gmp, events):
    ArticleFactory(title="Mar 2023", category=gmp, published_at=at(2023, 3))
    ArticleFactory(title="Dec 2023", category=events, published_at=at(2023, 12))
    ArticleFactory(title="Mar 2024", category=gmp, published_at=at(2024, 3))
    response = client.get("/news/", params)
    assert response.status_code == 200
    assert 'role="alert"' not in response.text
    assert card_titles(response) == expected


def test_year_filter_uses_the_sites_time_zone(client):
    # 31 Dec 2023 22:30 UTC is already 1 January 2024 in Moscow.
    ArticleFactory(
        title="New Year in Moscow", published_at=datetime.datetime(2023, 12, 31, 22, 30, tzinfo=datetime.UTC)
    )
    assert card_titles(client.get("/news/?year=2024")) == ["New Year in Moscow"]
    assert card_titles(client.get("/news/?year=2024&month=1")) == ["New Year in Moscow"]


def test_filter_form_offers_categories_and_years_with_articles(client, gmp, events):
    ArticleFactory(category=gmp, published_at=at(2022))
    ArticleFactory(category=gmp, published_at=at(2024))
    text = client.get("/news/").text
    assert '<option value="gmp-news">GMP News</option>' in text
    assert '<option value="events">Events</option>' in text
    assert text.index('<option value="2024">') < text.index('<option value="2022">')
    assert '<option value="2023">' not in text


def test_filters_survive_paging(client, gmp, events):
    for n in range(25):
        ArticleFactory(title=f"GMP {n:02}", category=gmp, published_at=at(2023, 1, 1) + datetime.timedelta(days=n))
    ArticleFactory.create_batch(5, category=events, published_at=at(2023, 2))
    ArticleFactory.create_batch(5, category=gmp, published_at=at(2024, 2))

    response = client.get("/news/", {"category": "gmp-news", "year": "2023"})
    assert "25 articles, page 1 of 3" in response.text
    links = pagination_links(response)
    for label in ("2", "3", "Older"):
        assert query(links[label])["category"] == ["gmp-news"]
        assert query(links[label])["year"] == ["2023"]
    assert query(links["3"])["page"] == ["3"]

    page2 = client.get(on_list(links["Older"]))
    assert page2.status_code == 200
    assert card_titles(page2) == [f"GMP {n:02}" for n in range(14, 4, -1)]
    newer = pagination_links(page2)["Newer"]
    assert query(newer) == {"category": ["gmp-news"], "year": ["2023"], "page": ["1"]}


def test_filter_form_keeps_the_chosen_values(client, gmp):
    ArticleFactory(category=gmp, published_at=at(2023, 5))
    text = client.get("/news/?category=gmp-news&year=2023&month=5").text
    assert '<option value="gmp-news" selected>' in text
    assert '<option value="2023" selected>' in text
    assert '<option value="5" selected>' in text


# --- item links carry the list's query (Return navigation) --------------------------------------


def test_item_links_are_clean_on_the_unfiltered_first_page(client):
    article = ArticleFactory()
    assert card_links(client.get("/news/")) == [article.get_absolute_url()]


@pytest.mark.parametrize(
    ("list_query", "expected_from"),
    [
        ({"category": "gmp-news"}, "category=gmp-news"),
        ({"year": "2023"}, "year=2023"),
        ({"category": "gmp-news", "year": "2023", "month": "1"}, "category=gmp-news&year=2023&month=1"),
        ({"page": "2"}, "page=2"),
        ({"category": "gmp-news", "page": "2"}, "category=gmp-news&page=2"),
        # Page 1 as the pagination links to it ("Newer" from page 2): the filter must stay.
        ({"category": "gmp-news", "page": "1"}, "category=gmp-news"),
        # Unknown parameters and an empty filter are not carried along.
        ({"category": "gmp-news", "utm_source": "mail", "month": ""}, "category=gmp-news"),
    ],
)
def test_item_links_carry_the_list_query_in_from(list_query, expected_from, client, gmp):
    for n in range(12):
        ArticleFactory(category=gmp, published_at=at(2023, 1, 1) + datetime.timedelta(days=n))
    response = client.get("/news/", list_query)
    assert response.status_code == 200
    links = card_links(response)
    assert links
    for link in links:
        assert link.endswith("?" + urlencode({"from": expected_from}))


def test_following_an_item_link_gives_a_return_link_to_the_same_list_page(client, gmp):
    for n in range(12):
        ArticleFactory(category=gmp, published_at=at(2023, 1, 1) + datetime.timedelta(days=n))
    list_page = client.get("/news/", {"category": "gmp-news", "year": "2023", "page": "2"})
    detail = client.get(card_links(list_page)[0])
    assert detail.status_code == 200
    return_href = html.unescape(re.search(r'class="return-link" href="([^"]*)"', detail.text).group(1))
    assert return_href == "/news/?category=gmp-news&year=2023&page=2"
    back = client.get(return_href)
    assert card_titles(back) == card_titles(list_page)


def test_return_keeps_filters_after_paging_back_to_the_first_page(client, gmp):
    for n in range(12):
        ArticleFactory(category=gmp, published_at=at(2023, 1, 1) + datetime.timedelta(days=n))
    page2 = client.get("/news/", {"category": "gmp-news", "year": "2023", "page": "2"})
    newer = pagination_links(page2)["Newer"]
    page1 = client.get(on_list(newer))
    assert page1.status_code == 200
    detail = client.get(card_links(page1)[0])
    return_href = html.unescape(re.search(r'class="return-link" href="([^"]*)"', detail.text).group(1))
    assert return_href == "/news/?category=gmp-news&year=2023"


# --- query counts do not grow with the number of articles ---------------------------------------
# Measured (SQLite and PostgreSQL alike): list 4, filtered list 8, detail 3, detail with a
# filtered `from` 7, print 1, print with `from` 3, home 2 (the latest news and the featured
# portfolio entries, one query each). A filtered list validates its filters twice (the list's
# filterset and clean_list_query's), hence the extra category/year queries.

LIST_MAX_QUERIES = 4
FILTERED_LIST_MAX_QUERIES = 8
DETAIL_MAX_QUERIES = 4  # +1: the item's published translations (language switch, hreflang)
DETAIL_WITH_FROM_MAX_QUERIES = 7
PRINT_MAX_QUERIES = 2  # +1: the item's published translations (language switch, hreflang)
PRINT_WITH_FROM_MAX_QUERIES = 4  # +1: the item's published translations (language switch, hreflang)
#: The news and projects blocks, + the media center's latest: one query per type in its stream.
HOME_MAX_QUERIES = 2 + len(registry.in_stream())

FILTERED = {"category": "gmp-news", "year": "2023", "month": "1"}
FROM = {"from": "category=gmp-news&year=2023&page=2"}


def make_articles(count: int, category, start: int = 0):
    """``count`` published articles with covers in January 2023 onwards; returns a middle one."""
    articles = [
        ArticleFactory(category=category, published_at=at(2023, 1, 1) + datetime.timedelta(days=n), with_cover=True)
        for n in range(start, start + count)
    ]
    return articles[count // 2]


PAGES = {
    # name: (url for a given article, query params, max queries)
    "list": (lambda a: "/news/", {}, LIST_MAX_QUERIES),
    "filtered list": (lambda a: "/news/", FILTERED, FILTERED_LIST_MAX_QUERIES),
    "detail": (lambda a: a.get_absolute_url(), {}, DETAIL_MAX_QUERIES),
    "detail with from": (lambda a: a.get_absolute_url(), FROM, DETAIL_WITH_FROM_MAX_QUERIES),
    "print": (lambda a: a.get_print_url(), {}, PRINT_MAX_QUERIES),
    "print with from": (lambda a: a.get_print_url(), FROM, PRINT_WITH_FROM_MAX_QUERIES),
    "home": (lambda a: "/", {}, HOME_MAX_QUERIES),
}


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize("page", list(PAGES))
def test_query_count_has_a_fixed_ceiling(page, count, client, gmp, django_assert_max_num_queries):
    url, params, ceiling = PAGES[page]
    article = make_articles(count, gmp)
    with django_assert_max_num_queries(ceiling):
        response = client.get(url(article), params)
    assert response.status_code == 200
    assert article.title in response.text or page in {"list", "filtered list", "home"}


@pytest.mark.parametrize("page", list(PAGES))
def test_query_count_is_the_same_with_3_and_with_30_articles(page, client, gmp):
    url, params, _ = PAGES[page]
    article = make_articles(3, gmp)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url(article), params).status_code == 200
    make_articles(27, gmp, start=3)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url(article), params).status_code == 200
    assert len(many) == len(few)
