"""The full-page cache (clusterportal/pagecache.py): anonymous pages from the cache, never stale.

Each change test: a visitor's page is cached, an editor changes something, the visitor's next
request shows the change. The two-process test runs the visitor and the editor in processes of
their own against one SQLite file and the embedded set-up's shared file cache.
"""

import datetime
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import time_machine
from django.conf import settings as django_settings
from django.http import HttpResponse
from django.test import Client
from django.urls import path
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from clusterportal import pagecache
from clusterportal.models import Status
from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory, PictureFactory
from tests.urls import urlpatterns as site_urlpatterns

pytestmark = pytest.mark.django_db

STATUS = pagecache.STATUS_HEADER


def fetch(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    return response


def cached_twice(client, url):
    """The page twice: made and stored, then from the cache."""
    first, second = client.get(url), client.get(url)
    assert (first[STATUS], second[STATUS]) == ("miss", "hit")
    assert first.content == second.content
    return second


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def article():
    return ArticleFactory(title="Plant opens in Obninsk", category=CategoryFactory(name="GMP news"))


def test_a_hit_runs_no_query_and_revalidates_with_a_304(visitor, article, django_assert_num_queries):
    url = article.get_absolute_url()
    made = fetch(visitor, url)
    assert made[STATUS] == "miss"
    with django_assert_num_queries(0):
        hit = fetch(visitor, url)
    assert hit[STATUS] == "hit"
    assert "Plant opens in Obninsk" in hit.text
    assert hit.content == made.content
    assert (hit["ETag"], hit["Last-Modified"]) == (made["ETag"], made["Last-Modified"])
    assert hit["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert hit["Content-Security-Policy"] == made["Content-Security-Policy"]
    with django_assert_num_queries(0):
        assert visitor.get(url, headers={"if-none-match": made["ETag"]}).status_code == 304
        assert visitor.get(url, headers={"if-modified-since": made["Last-Modified"]}).status_code == 304
        assert visitor.get(url, headers={"if-none-match": '"something-else"'}).status_code == 200
    head = visitor.head(url)
    assert (head.status_code, head[STATUS], head["ETag"]) == (200, "hit", made["ETag"])


def test_a_head_request_stores_the_page_for_the_next_get(visitor, article):
    assert visitor.head("/news/")[STATUS] == "miss"
    assert "Plant opens in Obninsk" in fetch(visitor, "/news/").text


def test_each_address_host_and_language_is_a_page_of_its_own(visitor, article):
    cached_twice(visitor, "/news/")
    assert fetch(visitor, "/news/?page=1")[STATUS] == "miss"
    assert fetch(visitor, "/ru/news/")[STATUS] == "miss"
    assert fetch(visitor, "/news/", host="localhost")[STATUS] == "miss"
    assert pagecache.page_key(visitor.get("/news/", {"q": "x" * 5000}).wsgi_request, "en").startswith("pagecache:page:")
    assert len(pagecache.page_key(visitor.get("/news/", {"q": "x" * 5000}).wsgi_request, "en")) == 55


def edit_title(article):
    article.title = "Plant opens in Kaluga"
    article.save()
    return "Plant opens in Kaluga"


def unpublish(article):
    article.status = Status.DRAFT
    article.save()
    return None


def delete(article):
    article.delete()
    return None


def rename_category(article):
    article.category.name_en = "Quality news"
    article.category.save()
    return "Quality news"


def publish_another(article):
    ArticleFactory(title="Vaccine line certified", category=article.category)
    return "Vaccine line certified"


@pytest.mark.parametrize("url", ["/news/", "/", "/search/?q=injectables", "article"])
@pytest.mark.parametrize("change", [edit_title, unpublish, delete, rename_category, publish_another])
def test_every_change_ends_the_cached_pages(change, url, visitor, article):
    url = article.get_absolute_url() if url == "article" else url
    before = cached_twice(visitor, url)
    assert "Plant opens in Obninsk" in before.text
    shown = change(article)
    after = visitor.get(url)
    if url == article.get_absolute_url() and change in (unpublish, delete):
        assert after.status_code == 404
        return
    assert after.status_code == 200
    assert after[STATUS] == "miss"
    if change in (unpublish, delete):
        assert "Plant opens in Obninsk" not in after.text
    elif not (change is rename_category and url.startswith("/search/")):  # results show no category
        assert shown in after.text


def test_a_changed_picture_ends_the_pages_that_show_it(visitor):
    article = ArticleFactory(cover=PictureFactory(alt_text="Filling line", size=(96, 54)))
    url = article.get_absolute_url()
    assert 'alt="Filling line"' in cached_twice(visitor, url).text
    article.cover.alt_text = "Sterile filling line in Kaluga"
    article.cover.save()
    assert 'alt="Sterile filling line in Kaluga"' in fetch(visitor, url).text


@pytest.mark.parametrize("action", ["publish", "unpublish"])
def test_the_admins_publish_actions_end_the_cached_pages(action, editor_client, visitor):
    item = ArticleFactory(title="Grant for the university lab", draft=action == "publish")
    shown_before = action == "unpublish"
    assert ("Grant for the university lab" in cached_twice(visitor, "/news/").text) is shown_before
    response = editor_client.post(
        "/admin/news/article/", {"action": action, "_selected_action": [item.pk], "index": 0}, follow=True
    )
    assert response.status_code == 200
    assert Article.objects.get(pk=item.pk).status == (Status.PUBLISHED if action == "publish" else Status.DRAFT)
    assert ("Grant for the university lab" in fetch(visitor, "/news/").text) is not shown_before


def test_a_scheduled_item_appears_at_its_time_without_a_save(visitor):
    now = timezone.now()
    ArticleFactory(title="Tender results announced", published_at=now + datetime.timedelta(minutes=3))
    with time_machine.travel(now, tick=False):
        assert "Tender results announced" not in cached_twice(visitor, "/news/").text
    with time_machine.travel(now + datetime.timedelta(minutes=2, seconds=58), tick=False):
        assert fetch(visitor, "/news/")[STATUS] == "hit"
    with time_machine.travel(now + datetime.timedelta(minutes=3, seconds=1), tick=False):
        assert "Tender results announced" in fetch(visitor, "/news/").text


def test_staff_pages_are_never_cached_nor_served_to_others(editor_client, visitor):
    draft = ArticleFactory(title="Draft about the merger", draft=True)
    for url in ("/news/", draft.get_absolute_url(), "/admin/news/article/"):
        for _ in range(2):
            response = editor_client.get(url)
            assert response.status_code == 200
            assert STATUS not in response
    assert visitor.get(draft.get_absolute_url()).status_code == 404
    assert fetch(visitor, "/news/")[STATUS] == "miss"
    assert "Draft about the merger" not in visitor.get("/news/").text


def test_what_is_never_stored(visitor, article):
    for url in ("/news/?year=abc", "/search/?q=" + "x" * 300, "/healthz", "/news/?page=999", "/news/no-such-item/"):
        for _ in range(2):
            assert STATUS not in visitor.get(url), url
    assert STATUS not in visitor.post("/news/")
    visitor.cookies[django_settings.SESSION_COOKIE_NAME] = "whatever"
    assert STATUS not in visitor.get("/news/")


# A view of each kind the site does not have (yet), to show they are left alone.


def sets_a_cookie(request):
    response = HttpResponse("<p>Welcome</p>")
    response.set_cookie("seen", "1")
    return response


def varies_on_language(request):
    response = HttpResponse("<p>Hello</p>")
    patch_vary_headers(response, ["Accept-Language"])
    return response


def plain(request):
    return HttpResponse("<p>Plain</p>")


urlpatterns = [
    path("cookie/", sets_a_cookie),
    path("vary/", varies_on_language),
    path("plain/", plain),
    *site_urlpatterns,
]


@pytest.mark.urls("tests.test_page_cache")
def test_responses_that_set_a_cookie_or_vary_are_not_stored(visitor):
    assert fetch(visitor, "/plain/")[STATUS] == "miss"
    assert fetch(visitor, "/plain/")[STATUS] == "hit"
    for url in ("/cookie/", "/vary/"):
        for _ in range(2):
            assert STATUS not in fetch(visitor, url)


def test_pages_of_two_processes_share_the_cache_and_its_version(tmp_path):
    """A visitor's process caches a page; an editor's process (``manage.py shell -c``) saves; the
    visitor's next request shows the change: one SQLite file, the embedded set-up's file cache."""
    base = Path(django_settings.BASE_DIR)
    (tmp_path / "two_process_settings.py").write_text(
        textwrap.dedent(
            """
            from clusterportal.settings import *  # noqa: F403

            class NoMigrations(dict):
                def __contains__(self, label):
                    return True

                def __getitem__(self, label):
                    return None

            MIGRATION_MODULES = NoMigrations()  # the tables straight from the models: seconds faster
            """
        )
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "PAGE_CACHE_SECONDS"}
    }
    env.update(
        DJANGO_ENV="local",
        VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="two_process_settings",
        PYTHONPATH=os.pathsep.join([str(tmp_path), str(base)]),
    )

    def run(code: str) -> str:
        done = subprocess.run(
            [sys.executable, str(base / "manage.py"), "shell", "-v0", "-c", textwrap.dedent(code)],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    visit = """
        from django.conf import settings
        from django.test import Client
        assert settings.CACHES["default"]["BACKEND"].endswith("FileBasedCache")
        client = Client(HTTP_HOST="localhost")
        for _ in range(2):
            response = client.get("/news/")
            text = response.text
            print(response["X-Page-Cache"], "Plant opens in Obninsk" in text, "Plant opens in Kaluga" in text)
        """
    first = run(
        textwrap.dedent(
            """
        from django.core.management import call_command
        from news.models import Article, Category
        call_command("migrate", run_syncdb=True, verbosity=0)
        category = Category.objects.create(name_en="GMP news", name_ru="Новости GMP", slug="gmp-news")
        Article.objects.create(title="Plant opens in Obninsk", category=category, lead="A plant.", status="published")
        """
        )
        + textwrap.dedent(visit)
    )
    assert first.splitlines() == ["miss True False", "hit True False"]
    run("""
        from news.models import Article
        article = Article.objects.get()
        article.title = "Plant opens in Kaluga"
        article.save()
        """)
    assert run(visit).splitlines() == ["miss False True", "hit False True"]


def test_year_choices_are_remembered_until_the_content_changes_or_a_scheduled_item_goes_public(visitor):
    """The list's year choices are kept under the content version (pagecache.remembered): asked
    again after a save, and never kept past the next scheduled publication. Each request below
    has its own address, so no cached page answers it: only the remembered choices could."""
    zone = timezone.get_current_timezone()
    now = datetime.datetime(2026, 12, 31, 23, 0, tzinfo=zone)
    with time_machine.travel(now, tick=False):
        ArticleFactory(title="Plant opens", published_at=datetime.datetime(2025, 5, 1, tzinfo=zone))
        ArticleFactory(title="New year tender", published_at=datetime.datetime(2027, 1, 1, 0, 30, tzinfo=zone))
        assert fetch(visitor, "/news/?a=1").context["filter"].form.fields["year"].choices[1:] == [("2025", "2025")]
        ArticleFactory(title="Old report", published_at=datetime.datetime(2023, 3, 1, tzinfo=zone))
        years = fetch(visitor, "/news/?a=2").context["filter"].form.fields["year"].choices[1:]
        assert years == [("2025", "2025"), ("2023", "2023")]  # a save ends the remembered choices
    with time_machine.travel(now + datetime.timedelta(hours=1, minutes=31), tick=False):
        years = fetch(visitor, "/news/?a=3").context["filter"].form.fields["year"].choices[1:]
        assert years == [("2027", "2027"), ("2025", "2025"), ("2023", "2023")]  # no save: its time came
