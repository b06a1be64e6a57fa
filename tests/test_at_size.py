"""Lists and item pages whose work does not grow with the content (clusterportal.pagination,
clusterportal.filters): a long list counts only its first pages, reaches deeper pages by key,
and Return brings the visitor back to exactly that page. "Long" is made cheap here: the bound
is lowered to 2 pages, so 35 articles are a long list (sizes are measured in
bench/lists_at_size.py, not in tests)."""

import datetime

import pytest

from clusterportal import pagination
from tests.factories import ArticleFactory
from tests.helpers import at, card_links, card_titles, pagination_links, query, return_href

pytestmark = pytest.mark.django_db


def on_list(href: str) -> str:
    return href if href.startswith("/") else "/news/" + href


@pytest.fixture
def long_list(monkeypatch):
    """35 articles, "Article 34" newest, while a list counts 2 pages (20 items) exactly."""
    monkeypatch.setattr(pagination, "COUNTED_PAGES", 2)
    start = at(2024, 1, 1)
    return [ArticleFactory(title=f"Article {n:02}", published_at=start + datetime.timedelta(days=n)) for n in range(35)]


def test_a_long_list_says_more_than_and_walks_on_by_key(client, long_list, django_assert_max_num_queries):
    first = client.get("/news/")
    assert "More than 20 articles, page 1" in first.text
    assert "page 1 of" not in first.text

    second = client.get(on_list(pagination_links(first)["2"]))
    assert card_titles(second) == [f"Article {n:02}" for n in range(24, 14, -1)]
    older = pagination_links(second)["Older"]
    assert query(older)["page"] == ["3"]
    assert "after" in query(older)

    with django_assert_max_num_queries(4):  # as many as page 1: the key replaces the count's reach
        third = client.get(on_list(older))
    assert third.status_code == 200
    assert card_titles(third) == [f"Article {n:02}" for n in range(14, 4, -1)]
    assert "page 3" in third.text
    assert query(pagination_links(third)["Newer"]) == {"page": ["2"]}  # within the counted pages: by number
    fourth = client.get(on_list(pagination_links(third)["Older"]))
    assert card_titles(fourth) == [f"Article {n:02}" for n in range(4, -1, -1)]
    assert "Older" not in pagination_links(fourth)
    assert card_titles(client.get(on_list(pagination_links(fourth)["Newer"]))) == card_titles(third)  # by key


def test_return_from_a_page_found_by_key_goes_back_to_it(client, long_list):
    second = client.get("/news/?page=2")
    third_url = on_list(pagination_links(second)["Older"])
    item = client.get(card_links(client.get(third_url))[0])
    assert item.status_code == 200
    assert query(return_href(item)) == query(third_url)


def test_pages_past_the_bound_need_their_key(client, long_list):
    assert client.get("/news/?page=3").status_code == 404  # no key: out of the counted range
    assert client.get("/news/?page=last").status_code == 404  # a long list has no last page by number
    good_key = query(pagination_links(client.get("/news/?page=2"))["Older"])["after"][0]
    for bad in ("abc", "1.2.3", "-", "1.1234567890123456789", "999999999999999999.1", "1.0", good_key + "\x00"):
        assert client.get("/news/", {"page": "3", "after": bad}).status_code == 404
    assert client.get("/news/", {"page": "3", "after": good_key, "before": good_key}).status_code == 404
    assert client.get("/news/", {"page": "1", "after": good_key}).status_code == 404
    # A key past the oldest item: nothing there.
    oldest = pagination.Cursor.of(long_list[0]).encode()
    assert client.get("/news/", {"page": "9", "after": oldest}).status_code == 404
    # Return with a broken key goes to the plain list.
    item = client.get(long_list[10].get_absolute_url(), {"from": "page=3&after=nonsense"})
    assert return_href(item) == "/news/"


def test_newer_and_older_step_through_items_at_the_same_time(client):
    moment = at(2024, 5)
    before = ArticleFactory(title="Before", published_at=moment - datetime.timedelta(hours=1))
    twins = [ArticleFactory(title=f"Twin {n}", published_at=moment) for n in range(3)]
    after = ArticleFactory(title="After", published_at=moment + datetime.timedelta(hours=1))
    order = [after, *reversed(twins), before]  # the list's order: newest first, then higher id
    assert card_titles(client.get("/news/")) == [item.title for item in order]
    for newer, item, older in zip(order, order[1:], order[2:], strict=False):
        text = client.get(item.get_absolute_url()).text
        assert newer.get_absolute_url() in text
        assert older.get_absolute_url() in text


def test_year_filter_offers_exactly_the_years_with_articles_even_long_ago(client):
    ArticleFactory(title="Recent", published_at=at(2024))
    ArticleFactory(title="Long ago", published_at=at(1990))  # older than the probed window
    text = client.get("/news/").text
    assert text.index('<option value="2024">') < text.index('<option value="1990">')
    assert '<option value="2000">' not in text
    assert card_titles(client.get("/news/?year=1990")) == ["Long ago"]
