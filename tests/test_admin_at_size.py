"""The content change lists at size: a year filter with cheap choices instead of the date
hierarchy, a count that stops at a cap, and (on PostgreSQL) the search through the stored vectors,
which finds Russian word forms. The sizes themselves are measured in bench/admin_at_size.py."""

import html

import pytest
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext

from clusterportal.admin import CappedCountPaginator
from tests.factories import ArticleFactory
from tests.helpers import at
from tests.test_admin import CHANGELIST, changelist_titles

pytestmark = pytest.mark.django_db


def queries_of(client, url: str, params: dict) -> int:
    reset_queries()  # a request empties the log it counts in (request_started): start from empty
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


def test_year_filter_offers_first_to_last_year_and_filters(editor_client):
    ArticleFactory(title="Old news", published_at=at(2021))
    ArticleFactory(title="New news", published_at=at(2023, 1, 1, 1))  # 1 a.m. in Moscow: 2023 there
    ArticleFactory(title="Undated draft", draft=True, published_at=None)
    response = editor_client.get(CHANGELIST)
    assert response.status_code == 200
    assert 'id="changelist-filter"' in response.text
    assert "xfull" not in response.text  # no date hierarchy
    for year in ("2021", "2022", "2023"):
        assert f'href="?year={year}"' in response.text
    assert changelist_titles(editor_client.get(CHANGELIST, {"year": "2023"})) == {"New news"}
    assert changelist_titles(editor_client.get(CHANGELIST, {"year": "2022"})) == set()


@pytest.mark.parametrize("year", ["abc", "99999", "0", "٢٠٢٣", "2023\x00"])
def test_a_bad_year_is_the_admins_error_redirect_not_a_500(year, editor_client):
    ArticleFactory()
    editor_client.raise_request_exception = False
    response = editor_client.get(CHANGELIST, {"year": year})
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


def test_past_the_cap_the_list_says_more_than(monkeypatch, editor_client):
    monkeypatch.setattr(CappedCountPaginator, "CAP", 2)
    ArticleFactory.create_batch(3, title="Vaccine plant")
    text = html.unescape(editor_client.get(CHANGELIST).text)
    assert "articles: more than 2" in text
    assert "more than 2 results" in html.unescape(editor_client.get(CHANGELIST, {"q": "vaccine"}).text)
    monkeypatch.setattr(CappedCountPaginator, "CAP", 3)
    text = html.unescape(editor_client.get(CHANGELIST).text)
    assert "3 articles" in text
    assert "more than" not in text


def test_search_finds_russian_word_forms_and_its_queries_do_not_grow(editor_client):
    if connection.vendor != "postgresql":
        pytest.skip("word forms need PostgreSQL's stemmer; SQLite's admin search is Django's icontains")
    ArticleFactory(title="Завод получил сертификат GMP", language="ru", slug="sertifikat")
    ArticleFactory(title="Сертификаты качества выданы", language="ru", slug="sertifikaty")
    ArticleFactory(title="Certificate for the plant", slug="certificate")
    ArticleFactory(title="Unrelated", slug="unrelated")
    few = queries_of(editor_client, CHANGELIST, {"q": "сертификата"})
    assert few <= 15
    response = editor_client.get(CHANGELIST, {"q": "сертификата"})
    assert changelist_titles(response) == {"Завод получил сертификат GMP", "Сертификаты качества выданы"}
    assert changelist_titles(editor_client.get(CHANGELIST, {"q": "certificates"})) == {"Certificate for the plant"}
    ArticleFactory.create_batch(10, title="Новый сертификат", language="ru")
    assert queries_of(editor_client, CHANGELIST, {"q": "сертификата"}) == few
