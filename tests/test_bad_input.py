"""Bad input gets a clear answer, never a 500 (README's policy).

- a malformed or out-of-range filter value: 200, the form shows the error (role=alert), no
  article is shown, and the value is never echoed unescaped;
- a page number that is not a number or is out of range, an unknown or absurd slug: 404;
- a ``from`` value that is garbage or points elsewhere: the page shows, and Return goes to the
  plain list (/news/);
- whatever happens, the 404 and 500 pages are branded and leak nothing.

What every content type shares is tested once, for each type, in tests/test_contract.py.
"""

import datetime
import html
import re

import pytest
from django.conf import settings

from tests.factories import ArticleFactory, CategoryFactory
from tests.helpers import LEAKS, assert_branded_404, return_href
from tests.urls_boom import SECRET_IN_ERROR

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    category = CategoryFactory(name="GMP News", slug="gmp-news")
    return ArticleFactory(
        title="Inspection passed at the sterile plant",
        category=category,
        published_at=datetime.datetime(2023, 6, 15, 12, tzinfo=datetime.UTC),
    )


def back_to_article_href(response) -> str:
    match = re.search(r'<a href="([^"]*)">&larr; Back to the article</a>', response.text)
    assert match, "no 'Back to the article' link on the page"
    return html.unescape(match.group(1))


# --- filter values ------------------------------------------------------------------------------

BAD_FILTERS = [
    pytest.param({"year": "abc"}, id="year-abc"),
    pytest.param({"year": "-1"}, id="year-negative"),
    pytest.param({"year": "99999999999999999999"}, id="year-huge"),
    pytest.param({"year": "2023.0"}, id="year-decimal"),
    pytest.param({"year": "1999"}, id="year-without-articles"),
    pytest.param({"month": "13"}, id="month-13"),
    pytest.param({"month": "0"}, id="month-0"),
    pytest.param({"month": "June"}, id="month-name"),
    pytest.param({"category": "<script>alert(1)</script>"}, id="category-script"),
    pytest.param({"category": "\x00"}, id="category-nul"),
    pytest.param({"category": "gmp-news\x00"}, id="category-slug-then-nul"),
    pytest.param({"category": "unknown-slug"}, id="category-unknown"),
    pytest.param({"category": "x" * 10_240}, id="category-10kB"),
    pytest.param({"category": "гмп"}, id="category-cyrillic"),
    pytest.param({"category": "gmp-news", "year": "abc"}, id="good-category-bad-year"),
]


@pytest.mark.parametrize("params", BAD_FILTERS)
def test_bad_filter_value_shows_a_form_error_and_no_articles(params, article, client):
    response = client.get("/news/", params)
    assert response.status_code == 200
    text = response.text
    assert 'role="alert"' in text
    assert "Some filter values were not understood" in text
    assert 'class="field-error"' in text
    assert article.title not in text
    assert "No articles are shown until the filter is corrected." in text
    assert "<script>alert(1)</script>" not in text
    assert "\x00" not in text


@pytest.mark.parametrize("params", BAD_FILTERS)
def test_bad_filter_in_page_links_of_the_list_is_never_carried_to_items(params, article, client):
    """Nothing is listed, so nothing links on; and no link on the page carries the bad value."""
    text = client.get("/news/", params).text
    assert "?from=" not in text


# --- page numbers -------------------------------------------------------------------------------
# Pages that are not a page of the list (a branded 404): tests/test_contract.py, for every type.


@pytest.mark.parametrize("page", ["1", "last"])
def test_first_and_last_page_are_fine(page, article, client):
    response = client.get("/news/", {"page": page})
    assert response.status_code == 200
    assert article.title in response.text


# --- NUL bytes, anywhere ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/news/?%00",
        "/news/?%00=1",
        "/news/?year=%00",
        "/news/?month=%00",
        "/news/?category=%00&year=%00&month=%00&page=%00",
        "/news/?q=a%00b",
        "/news/%00/",
        "/news/gmp%00/",
        "/news/{slug}/?from=%00",
        "/news/{slug}/?from=category%3D%2500",
        "/news/{slug}/?from=year%3D2023%00",
        "/news/{slug}/?%00=%00",
        "/news/{slug}/print/?from=%00",
        "/news/{slug}/print/?from=category%3Dgmp-news%2500",
        "/?%00",
        "/news/feed/?%00",
        "/sitemap.xml?p=%00",
        "/robots.txt?%00",
        "/portfolio/?%00",
        "/media-center/?%00",
        "/admin/login/?next=%00",
    ],
)
def test_nul_bytes_in_the_query_string_never_give_a_500(url, article, client):
    client.raise_request_exception = False
    response = client.get(url.format(slug=article.slug))
    assert response.status_code < 500
    assert response.status_code in {200, 302, 404}


# --- slugs --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    # Unknown, absurd and marked-up slugs of every type: tests/test_contract.py.
    ["/news/../admin/", "/no/such/page/"],
)
def test_unknown_or_absurd_path_is_a_branded_404(path, article, client):
    response = client.get(path)
    assert_branded_404(response)
    assert "<script>alert(1)</script>" not in response.text


def test_404_page_offers_the_way_home_and_to_the_news(client, db):
    response = client.get("/news/no-such-article/")
    assert_branded_404(response)
    assert 'href="/news/"' in response.text
    assert '<meta name="robots" content="noindex">' in response.text


# --- the `from` parameter -----------------------------------------------------------------------

BAD_FROM = [
    pytest.param("garbage", id="garbage"),
    pytest.param("%%%&&&===", id="percent-garbage"),
    pytest.param("https://evil.example/", id="full-url"),
    pytest.param("//evil.example", id="protocol-relative"),
    pytest.param("//evil.example/?category=gmp-news", id="protocol-relative-with-filter"),
    pytest.param("javascript:alert(1)", id="javascript"),
    pytest.param("\x00", id="nul"),
    pytest.param("category=gmp-news\x00", id="filter-then-nul"),
    pytest.param("category=%00", id="encoded-nul-inside"),
    pytest.param("category=gmp-news&" + "x" * 5000, id="5000-chars"),
    pytest.param("x" * 5000, id="5000-chars-garbage"),
    pytest.param("year=abc", id="invalid-year"),
    pytest.param("month=13", id="invalid-month"),
    pytest.param("category=<script>", id="invalid-category-markup"),
    pytest.param("category=unknown-slug", id="unknown-category"),
    pytest.param("category=gmp-news&year=abc", id="valid-and-invalid-filter"),
    pytest.param("page=abc", id="page-abc"),
    pytest.param("page=-1", id="page-negative"),
    pytest.param("page=0", id="page-0"),
    pytest.param("page=99999999999999999999", id="page-huge"),
    pytest.param("", id="empty"),
]


@pytest.mark.parametrize("from_value", BAD_FROM)
def test_bad_from_returns_to_the_plain_list(from_value, article, client):
    response = client.get(article.get_absolute_url(), {"from": from_value})
    assert response.status_code == 200
    assert return_href(response) == "/news/"
    assert "evil.example" not in response.text
    assert "javascript:" not in response.text


@pytest.mark.parametrize("from_value", BAD_FROM)
def test_bad_from_is_not_carried_to_the_print_view_or_back(from_value, article, client):
    detail = client.get(article.get_absolute_url(), {"from": from_value})
    assert f'href="{article.get_print_url()}"' in detail.text
    printed = client.get(article.get_print_url(), {"from": from_value})
    assert printed.status_code == 200
    assert back_to_article_href(printed) == article.get_absolute_url()


@pytest.mark.parametrize(
    ("from_value", "expected_return"),
    [
        ("category=gmp-news&year=2023&page=2", "/news/?category=gmp-news&year=2023&page=2"),
        ("page=2&year=2023&category=gmp-news", "/news/?category=gmp-news&year=2023&page=2"),
        ("category=gmp-news&year=2023&month=6", "/news/?category=gmp-news&year=2023&month=6"),
        ("category=gmp-news&next=https://evil.example/", "/news/?category=gmp-news"),
        ("category=gmp-news&page=1", "/news/?category=gmp-news"),
        ("page=007", "/news/?page=7"),
    ],
)
def test_valid_from_returns_to_the_same_list_page(from_value, expected_return, article, client):
    response = client.get(article.get_absolute_url(), {"from": from_value})
    assert response.status_code == 200
    assert return_href(response) == expected_return


# --- the 500 page -------------------------------------------------------------------------------


@pytest.fixture
def boom_client(client, settings):
    settings.ROOT_URLCONF = "tests.urls_boom"
    client.raise_request_exception = False
    return client


def test_a_failing_view_gives_the_500_page_without_details(boom_client, db):
    response = boom_client.get("/boom/")
    assert response.status_code == 500
    text = response.text
    assert "Something went wrong" in text
    assert 'href="/"' in text
    assert SECRET_IN_ERROR not in text
    assert "RuntimeError" not in text
    for leak in LEAKS:
        assert leak not in text


def test_500_page_is_branded_with_the_site_name(boom_client, db):
    response = boom_client.get("/boom/")
    assert response.status_code == 500
    assert settings.SITE_NAME in response.text


def test_404_handler_still_answers_with_the_test_urlconf(boom_client, db):
    assert_branded_404(boom_client.get("/news/no-such-article/"))
