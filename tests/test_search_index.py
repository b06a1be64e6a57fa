"""The search finds what the site holds now: after an edit, a renamed category, or content
loaded without a save. On PostgreSQL the search reads stored vectors (written on save, by the
update_search_index command, and after migrate); SQLite reads the text itself."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from clusterportal.search import search
from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory, EntryFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="stored vectors are PostgreSQL's")


def found(query: str) -> list[str]:
    return [hit.object.title for hit in search(query).hits]


def test_an_edited_title_is_found_and_the_old_one_is_not():
    article = ArticleFactory(title="Quokka census begins")
    assert found("quokka") == ["Quokka census begins"]
    article.title = "Wombat census begins"
    article.save()
    assert found("quokka") == []
    assert found("wombat") == ["Wombat census begins"]


def test_a_renamed_category_is_searched_under_its_new_name():
    category = CategoryFactory(name="Platypus affairs")
    ArticleFactory(title="Budget approved", category=category)
    assert found("platypus") == ["Budget approved"]
    category.name = "Echidna affairs"
    category.save()
    assert found("platypus") == []
    assert found("echidna") == ["Budget approved"]


def test_a_renamed_organization_is_searched_under_its_new_name():
    organization = OrganizationFactory(name="Quollpharm")
    EntryFactory(title="New filling line", organization=organization)
    assert found("quollpharm") == ["New filling line"]
    organization.name = "Bilbymed"
    organization.save()
    assert found("quollpharm") == []
    assert found("bilbymed") == ["New filling line"]


def test_rich_text_is_indexed_as_text_not_markup():
    ArticleFactory(title="Plain", body='<p>The <strong class="x">numbat</strong> programme.</p>')
    assert found("numbat") == ["Plain"]
    assert found("strong") == []


@postgresql_only
def test_the_command_writes_vectors_for_content_loaded_without_a_save():
    ArticleFactory(title="Quokka census begins")
    Article.objects.update(search_vector=None)  # as a bulk insert or a raw fixture leaves it
    assert found("quokka") == []
    out = io.StringIO()
    call_command("update_search_index", "--missing", stdout=out)
    assert "wrote the vectors of 1 item" in out.getvalue()
    assert found("quokka") == ["Quokka census begins"]


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite has no stored vectors")
def test_the_command_says_there_is_nothing_to_do_on_sqlite():
    out = io.StringIO()
    call_command("update_search_index", stdout=out)
    assert "no index to update" in out.getvalue()


@postgresql_only
def test_migrate_gives_a_vector_to_items_without_one():
    ArticleFactory(title="Quokka census begins")
    Article.objects.update(search_vector=None)
    call_command("migrate", verbosity=0)  # nothing to apply; post_migrate still runs
    assert found("quokka") == ["Quokka census begins"]


def test_words_either_side_of_a_block_boundary_stay_apart():
    ArticleFactory(title="Plain", body="<p>First paragraph</p><p>quokka census</p><ul><li>one</li><li>numbat</li></ul>")
    assert found("quokka") == ["Plain"]
    assert found("numbat") == ["Plain"]
    assert found("paragraphquokka") == []


def test_content_queries_leave_the_search_vector_out():
    sql = str(Article.objects.published().query)
    assert "search_vector" not in sql


@postgresql_only
def test_a_category_saved_with_the_same_name_rewrites_nothing(django_assert_num_queries):
    category = CategoryFactory(name="Platypus affairs")
    for n in range(5):
        ArticleFactory(title=f"Budget {n}", category=category)
    category.position = 7
    with django_assert_num_queries(2):  # what the name was, and the save; no article rewritten
        category.save()
    category.name = "Echidna affairs"
    with django_assert_num_queries(2 + 2):  # and the articles: their ids, and one UPDATE for all
        category.save()
    assert len(found("echidna")) == 5
