"""The two commands `make run` relies on: load_demo and ensure_local_admin."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from news.models import Article, Category
from portfolio.models import Entry
from tests.factories import ArticleFactory, EntryFactory
from tests.picture_files import open_media

pytestmark = pytest.mark.django_db


def run(command: str, *args, **options) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def content_snapshot():
    return (
        sorted(Article.objects.values_list("pk", "slug", "updated_at")),
        sorted(Category.objects.values_list("pk", "slug")),
        sorted(Entry.objects.values_list("pk", "slug", "updated_at")),
    )


# --- load_demo ------------------------------------------------------------------------------


def test_news_ships_a_demo_module_with_the_load_demo_contract():
    from news import demo

    assert callable(demo.has_content)
    assert callable(demo.load)
    assert demo.has_content() is False


def test_load_demo_fills_an_empty_database_once_and_every_page_renders(client):
    """One test, because loading the demo draws and renders ~70 pictures (about 20 s)."""
    from news import demo

    run("load_demo")

    # Published news with text.
    assert demo.has_content() is True
    assert Category.objects.exists()
    published = list(Article.objects.published())
    assert len(published) >= 3
    assert all(article.lead and article.body for article in published)

    # Sources, and covers described and rendered by the picture pipeline when the demo loaded.
    assert any(article.source_url for article in published)
    with_cover = [article for article in published if article.cover]
    assert with_cover
    for article in with_cover:
        assert article.cover.alt_text.strip() or article.cover.decorative
        assert article.cover.width
        assert article.cover.height
        smallest = article.cover.renditions()[0]
        assert open_media(smallest.url).size == (smallest.width, smallest.height)

    # The portfolio's demo too.
    entries = list(Entry.objects.published())
    assert entries
    assert any(entry.gallery.exists() for entry in entries)

    # Every page of the demo renders.
    assert client.get("/").status_code == 200
    assert client.get("/news/").status_code == 200
    assert client.get("/portfolio/").status_code == 200
    for item in [*published, *entries]:
        assert client.get(item.get_absolute_url()).status_code == 200
        assert client.get(item.get_print_url()).status_code == 200

    # A second run adds nothing.
    before = content_snapshot()
    run("load_demo")
    assert content_snapshot() == before


def test_load_demo_leaves_a_database_with_content_alone():
    ArticleFactory(title="Our own article")
    EntryFactory(title="Our own project")
    run("load_demo")
    assert list(Article.objects.values_list("title", flat=True)) == ["Our own article"]
    assert list(Entry.objects.values_list("title", flat=True)) == ["Our own project"]


def test_load_demo_dry_run_writes_nothing():
    run("load_demo", dry_run=True)
    assert not Article.objects.exists()
    assert not Category.objects.exists()


def test_demo_content_renders_on_every_page(client):
    run("load_demo")
    assert Article.objects.published().exists()
    assert client.get("/").status_code == 200
    assert client.get("/news/").status_code == 200
    for article in Article.objects.published():
        assert client.get(article.get_absolute_url()).status_code == 200
        assert client.get(article.get_print_url()).status_code == 200


# --- ensure_local_admin --------------------------------------------------------------------------


def printed_password(output: str) -> str | None:
    match = re.search(r"password:\s*(\S+)", output)
    return match.group(1) if match else None


def test_ensure_local_admin_creates_admin_and_prints_its_password_once():
    output = run("ensure_local_admin")
    password = printed_password(output)
    assert password
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert admin.is_staff
    assert admin.check_password(password)

    second = run("ensure_local_admin")
    assert "password:" not in second
    assert password not in second
    assert get_user_model().objects.filter(username="admin").count() == 1
    admin.refresh_from_db()
    assert admin.check_password(password)


def test_ensure_local_admin_says_so_when_admin_exists_at_higher_verbosity():
    run("ensure_local_admin")
    output = run("ensure_local_admin", verbosity=2)
    assert "exists already" in output
    assert printed_password(output) is None


def test_ensure_local_admin_passwords_are_random():
    first = printed_password(run("ensure_local_admin"))
    get_user_model().objects.filter(username="admin").delete()
    second = printed_password(run("ensure_local_admin"))
    assert first != second
    assert len(first) >= 12


def test_ensure_local_admin_dry_run_creates_nobody():
    output = run("ensure_local_admin", dry_run=True)
    assert "Would create" in output
    assert not get_user_model().objects.filter(username="admin").exists()


def test_ensure_local_admin_refuses_outside_the_local_default(settings):
    settings.LOCAL = False
    with pytest.raises(CommandError, match="local"):
        run("ensure_local_admin")
    assert not get_user_model().objects.filter(username="admin").exists()


def test_ensure_local_admin_names_the_address_the_site_runs_at():
    assert "http://127.0.0.1:8000/admin/" in run("ensure_local_admin")
    get_user_model().objects.all().delete()
    assert "http://127.0.0.1:8010/admin/" in run("ensure_local_admin", site_url="http://127.0.0.1:8010")
