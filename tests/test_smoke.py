import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_news_pages_render(client):
    article = ArticleFactory(with_cover=True)
    assert client.get("/").status_code == 200
    r = client.get("/news/")
    assert article.title in r.text
    r = client.get(article.get_absolute_url())
    assert r.status_code == 200, r.text
    r = client.get(article.get_print_url())
    assert r.status_code == 200
