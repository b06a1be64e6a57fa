"""Nothing lost when something fails (clusterportal/faults.py, clusterportal/cache.py).

The database down: a branded 503 with Retry-After, in the page's language, without touching the
database; /healthz says what is down. Redis down: pages still served. Storage failing: the admin
says so, and no row is left without its file nor a file without its row.

No test stops a real server: faults are simulated by patching, or by a connection to a closed
port (127.0.0.1:1, refused at once). bench/load_and_fault.py does it for real.
"""

import errno
import logging
import time
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, OperationalError, ProgrammingError, connection
from django.db.models.signals import post_save
from django.db.utils import load_backend
from django.utils import translation
from django.utils.translation import gettext

from clusterportal import faults
from clusterportal.cache import ResilientRedisCache
from clusterportal.pictures.models import Picture
from media_center.models import Publication
from tests.factories import PDF_BYTES, ArticleFactory
from tests.picture_files import picture_upload
from tests.test_media_publications import publication_form
from tests.test_picture_admin import add_form_data

DEAD_REDIS = "redis://127.0.0.1:1/0"
PUBLICATION_ADD = "/admin/media_center/publication/add/"
PICTURE_ADD = "/admin/clusterportal/picture/add/"
PICTURE_UPLOAD = "/admin/clusterportal/picture/upload/"


@pytest.fixture(autouse=True)
def _fresh_throttle():
    faults.throttle.reset()
    yield
    faults.throttle.reset()


def database_down(error: Exception | None = None):
    """Every new cursor fails as if the server were gone."""
    error = error or OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')
    return mock.patch.object(connection, "ensure_connection", side_effect=error)


def unreachable_postgresql():
    """A real PostgreSQL connection to a port where nothing listens: refused at once."""
    settings_dict = {
        **connection.settings_dict,
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "clusterportal",
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": "127.0.0.1",
        "PORT": "1",
        "OPTIONS": {"connect_timeout": 2},
    }
    return load_backend("django.db.backends.postgresql").DatabaseWrapper(settings_dict, alias="unreachable")


def storage_full(fail_on: int = 1):
    """The ``fail_on``-th file written, and every one after it, fails: the disk is full."""
    calls = {"count": 0}
    real_save = FileSystemStorage._save

    def save(self, name, content):
        calls["count"] += 1
        if calls["count"] >= fail_on:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_save(self, name, content)

    return mock.patch.object(FileSystemStorage, "_save", save)


def stored_files(settings) -> list:
    """Every file in the uploads and in the private files (publications' documents)."""
    roots = [settings.MEDIA_ROOT, getattr(settings, "PRIVATE_MEDIA_ROOT", settings.MEDIA_ROOT)]
    return [path for root in roots if root.exists() for path in root.rglob("*") if path.is_file()]


# --- the database is down ----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/news/", "/portfolio/", "/media-center/", "/search/?q=cluster"])
def test_every_public_page_answers_a_branded_503_while_the_database_is_down(url, client, caplog):
    with database_down():
        response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-cache" in response["Cache-Control"]
    text = response.text
    assert "The site is briefly unavailable" in text
    assert "/static/css/site.css" in text
    assert 'href="/news/"' in text  # the header's sections, from the registry
    assert "Traceback" not in text
    assert "OperationalError" not in text
    assert "5432" not in text
    records = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(records) == 1
    assert records[0].exc_info is None
    assert "Database unavailable" in records[0].getMessage()


@pytest.mark.django_db
def test_the_503_speaks_the_pages_language(client):
    with database_down():
        response = client.get("/ru/news/")
    assert response.status_code == 503
    assert response["Content-Language"] == "ru"
    assert '<html lang="ru">' in response.text
    assert 'href="/ru/news/">Новости</a>' in response.text
    with translation.override("ru"):
        assert gettext("The site is briefly unavailable") in response.text


@pytest.mark.django_db
def test_an_admin_post_while_the_database_is_down_says_the_changes_were_not_saved(editor_client):
    # The signed-in user is read by a middleware (two-factor sign-in) before any view runs.
    editor_client.raise_request_exception = False
    with database_down():
        response = editor_client.post(PUBLICATION_ADD, {"title": "Lost"})
    assert response.status_code == 503
    assert "Your changes were not saved" in response.text
    with database_down():
        response = editor_client.get("/admin/")
    assert response.status_code == 503
    assert "Your changes were not saved" not in response.text


@pytest.mark.django_db
def test_the_session_failing_on_the_way_out_is_a_503_too_and_logs_no_traceback(client, caplog):
    # What a middleware after this one raises (here the session's save) reaches us as a 500.
    client.raise_request_exception = False
    with mock.patch(
        "django.contrib.sessions.middleware.SessionMiddleware.process_response",
        side_effect=OperationalError("server closed the connection unexpectedly"),
    ):
        response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["X-Frame-Options"] == "DENY"
    assert not [r for r in caplog.records if r.name == "django.request"]


def test_a_refused_connection_is_a_503_within_a_second(client, django_db_blocker):
    unreachable = unreachable_postgresql()
    started = time.monotonic()
    with django_db_blocker.unblock(), mock.patch.object(connection, "ensure_connection", unreachable.ensure_connection):
        response = client.get("/news/")
    assert response.status_code == 503
    assert time.monotonic() - started < 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("error", "unavailable"),
    [
        (OperationalError("terminating connection due to administrator command"), True),
        (OperationalError("no such table: news_article"), False),  # SQLite's word for a missing migration
        (ProgrammingError('relation "news_article" does not exist'), False),
        (IntegrityError("duplicate key value"), False),
    ],
)
def test_only_an_unavailable_database_is_a_503_not_a_mistake(error, unavailable):
    assert faults.is_database_unavailable(error) is unavailable


@pytest.mark.django_db
def test_a_programming_error_stays_a_500(client):
    client.raise_request_exception = False
    with database_down(ProgrammingError('relation "news_article" does not exist')):
        response = client.get("/news/")
    assert response.status_code == 500


@pytest.mark.django_db
def test_the_site_recovers_when_the_database_returns(client):
    ArticleFactory(title="Still here")
    with database_down():
        assert client.get("/news/").status_code == 503
    response = client.get("/news/")
    assert response.status_code == 200
    assert "Still here" in response.text


# --- /healthz -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_is_ok_when_everything_answers(client):
    response = client.get("/healthz")
    assert (response.status_code, response.text) == (200, "ok\n")


def test_healthz_says_the_database_is_down(client, monkeypatch, django_db_blocker):
    monkeypatch.setattr(faults, "connections", {"default": unreachable_postgresql()})
    with django_db_blocker.unblock():
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.text == "database: down\ncache: ok\n"
    assert response["Content-Type"].startswith("text/plain")


@pytest.mark.django_db
def test_healthz_says_the_cache_is_down(client, settings):
    settings.CACHES = {"default": {"BACKEND": "clusterportal.cache.ResilientRedisCache", "LOCATION": DEAD_REDIS}}
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.text == "database: ok\ncache: down\n"


# --- Redis is down ---------------------------------------------------------------------------------


def dead_redis() -> ResilientRedisCache:
    return ResilientRedisCache(DEAD_REDIS, {"OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}})


def test_a_dead_redis_is_a_miss_with_one_warning(caplog):
    dead = dead_redis()
    started = time.monotonic()
    assert dead.get("k") is None
    assert dead.get("k", "fallback") == "fallback"
    assert dead.set("k", 1) is None
    assert dead.add("k", 1) is False
    assert dead.delete("k") is False
    assert dead.touch("k") is False
    assert dead.has_key("k") is False
    assert dead.get_many(["a", "b"]) == {}
    assert dead.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert dead.delete_many(["a", "b"]) is None
    assert dead.incr("n") == 1
    assert dead.decr("n", 2) == -2
    assert dead.get_or_set("k", "computed") == "computed"
    assert dead.ping() is False
    assert time.monotonic() - started < 1
    warnings = [r for r in caplog.records if "Cache unavailable" in r.getMessage()]
    assert len(warnings) == 1
    assert "Cache unavailable" in warnings[0].getMessage()


def test_a_bug_still_raises_with_redis_down():
    with pytest.raises(AttributeError, match="pickle"):
        dead_redis().set("k", lambda: "a function does not pickle")


@pytest.mark.django_db
def test_pages_are_served_through_the_page_cache_with_redis_down(client, settings, caplog):
    settings.CACHES = {"default": {"BACKEND": "clusterportal.cache.ResilientRedisCache", "LOCATION": DEAD_REDIS}}
    settings.MIDDLEWARE = [
        "django.middleware.cache.UpdateCacheMiddleware",
        *settings.MIDDLEWARE,
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]
    ArticleFactory(title="Served anyway")
    for _ in range(2):
        response = client.get("/news/")
        assert response.status_code == 200
        assert "Served anyway" in response.text
    assert cache.get("anything") is None
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1
    assert warnings[0].exc_info is None


# --- upload storage failing ----------------------------------------------------------------------

STORAGE_MESSAGE = "The file could not be stored (the disk is full or not writable)."


@pytest.mark.django_db
def test_a_publication_whose_file_cannot_be_stored_is_not_saved_and_the_form_says_so(editor_client, settings):
    document = SimpleUploadedFile("report.pdf", PDF_BYTES, content_type="application/pdf")
    with storage_full():
        response = editor_client.post(PUBLICATION_ADD, publication_form(document, title="Annual report 2031"))
    assert response.status_code == 200
    assert STORAGE_MESSAGE in response.text
    assert 'value="Annual report 2031"' in response.text  # what the editor typed is kept
    assert not Publication.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.django_db
def test_a_picture_that_cannot_be_stored_is_not_saved_and_the_form_says_so(editor_client, settings):
    with storage_full():
        data = add_form_data(picture_upload("clean-room.jpg", "JPEG"), alt_text="Clean room")
        response = editor_client.post(PICTURE_ADD, data)
    assert response.status_code == 200
    assert STORAGE_MESSAGE in response.text
    assert 'value="Clean room"' in response.text
    assert not Picture.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.django_db
def test_upload_several_stores_all_of_them_or_none(editor_client, settings):
    # The first picture (and its renditions) is written, then the disk fills up.
    with storage_full(fail_on=3):
        response = editor_client.post(PICTURE_UPLOAD, {"pictures": [picture_upload("a.png"), picture_upload("b.png")]})
    assert response.status_code == 200
    assert STORAGE_MESSAGE in response.text
    assert not Picture.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.django_db
def test_a_row_that_fails_after_its_file_was_written_leaves_no_file(editor_client, settings):
    def fail(sender, instance, **kwargs):
        raise IntegrityError("duplicate key value violates unique constraint")

    post_save.connect(fail, sender=Publication, dispatch_uid="test-fail")
    editor_client.raise_request_exception = False
    try:
        document = SimpleUploadedFile("report.pdf", PDF_BYTES, content_type="application/pdf")
        response = editor_client.post(PUBLICATION_ADD, publication_form(document))
    finally:
        post_save.disconnect(dispatch_uid="test-fail", sender=Publication)
    assert response.status_code == 500
    assert not Publication.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.django_db
def test_a_save_that_commits_keeps_its_file(editor_client, settings):
    document = SimpleUploadedFile("report.pdf", PDF_BYTES, content_type="application/pdf")
    response = editor_client.post(PUBLICATION_ADD, publication_form(document))
    assert response.status_code == 302
    publication = Publication.objects.get()
    assert publication.file.storage.exists(publication.file.name)
