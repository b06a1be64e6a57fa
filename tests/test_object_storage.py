"""Uploads on S3-compatible object storage (clusterportal/storage.py), against a real S3 HTTP API:
moto's standalone server, started on a free 127.0.0.1 port for the session.

Pictures and their renditions land in the bucket's public prefix and pages point at the bucket;
publications' documents land in the private prefix and only the download view hands them out,
once published; social cards are drawn into the bucket and removed with their item; a failed
save leaves no object. Last, two app servers (gunicorn) on one database, one Redis and one
bucket: an edit through one shows at once through the other, and so does an upload.

Without moto (``pip install -r requirements-dev.txt``) these tests are skipped, except under CI,
where they fail: CI must run them.
"""

from __future__ import annotations

import html
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.utils import timezone

from clusterportal.pictures.models import Picture
from media_center.models import Publication
from tests.factories import PDF_BYTES, ArticleFactory, article_admin_form_data
from tests.picture_files import picture_bytes, picture_upload
from tests.test_media_publications import publication_form
from tests.test_picture_admin import add_form_data

BASE_DIR = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no", "off"}
STORAGE_MESSAGE = "The file could not be stored"
PICTURE_ADD = "/admin/clusterportal/picture/add/"
PUBLICATION_ADD = "/admin/media_center/publication/add/"
#: Any key does for moto; none of the machine's own is read.
KEYS = {"access_key": "testing", "secret_key": "testing", "region_name": "us-east-1"}
#: The tests' own Redis database (the suite on PostgreSQL uses 15).
REDIS_URL = "redis://127.0.0.1:6379/13"


def require_moto() -> None:
    try:
        import boto3  # noqa: F401
        import moto.server  # noqa: F401
    except ImportError as error:
        problem = f"moto[server] and django-storages[s3] are needed ({error}): pip install -r requirements-dev.txt"
        if IN_CI:
            pytest.fail(f"{problem} [CI is set: the object storage tests must run, so this is a failure, not a skip]")
        pytest.skip(problem)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[:3]} stopped at start with code {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing answered at {url} within {seconds} s")


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    process.send_signal(sig)
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """moto's S3 server on a free port of 127.0.0.1, for this process's tests (each pytest-xdist
    worker has its own); stopped by its PID at the end."""
    require_moto()
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        wait_for(endpoint, process)
        yield endpoint
    finally:
        stop(process)


@dataclass
class Bucket:
    endpoint: str
    name: str
    client: object

    @property
    def public_url(self) -> str:
        """MEDIA_URL: the public prefix's address."""
        return f"{self.endpoint}/{self.name}/uploads/"

    def keys(self, prefix: str = "") -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.name, Prefix=prefix)
        return sorted(item["Key"] for item in listing.get("Contents", []))


def new_bucket(endpoint: str) -> Bucket:
    import boto3

    client = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id="testing", aws_secret_access_key="testing")
    name = f"cluster-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=name)
    # What README tells the operator to set: anyone may read the public prefix, nothing else.
    client.put_bucket_policy(Bucket=name, Policy=json.dumps(public_read_policy(name)))
    return Bucket(endpoint, name, client)


def public_read_policy(bucket: str) -> dict:
    statement = {
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": f"arn:aws:s3:::{bucket}/uploads/*",
    }
    return {"Version": "2012-10-17", "Statement": [statement]}


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch) -> Bucket:
    """A new bucket, and the site's storages on it as STORAGE_S3_BUCKET=… configures them."""
    from botocore.config import Config

    bucket = new_bucket(s3_endpoint)
    common = {
        **KEYS,
        "endpoint_url": s3_endpoint,
        "bucket_name": bucket.name,
        "client_config": Config(s3={"addressing_style": "path"}, signature_version="s3v4"),
        "file_overwrite": False,
    }
    settings.MEDIA_URL = bucket.public_url
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "clusterportal.storage.PublicS3Storage",
            "OPTIONS": {**common, "location": "uploads", "public_url": bucket.public_url, "querystring_auth": False},
        },
        "private": {"BACKEND": "clusterportal.storage.PrivateS3Storage", "OPTIONS": {**common, "location": "private"}},
    }
    # The document field took its storage when the models were loaded: give it the new one.
    monkeypatch.setattr(Publication._meta.get_field("file"), "storage", storages["private"])
    return bucket


def fetch(url: str):
    """GET ``url`` as a visitor's browser would, without credentials: status, headers, body."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def image_sources(text: str) -> list[str]:
    return [html.unescape(src) for src in re.findall(r'<img\b[^>]*\bsrc="([^"]*)"', text)]


def open_graph_image(text: str) -> str:
    return html.unescape(re.search(r'<meta property="og:image" content="([^"]*)">', text).group(1))


# --- pictures -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_picture_uploaded_in_the_admin_is_in_the_bucket_and_pages_show_it_from_there(
    bucket, editor_client, client, django_assert_max_num_queries
):
    data = add_form_data(picture_upload("clean-room.jpg", "JPEG"), alt_text="Clean room")
    response = editor_client.post(PICTURE_ADD, data)
    assert response.status_code == 302, response.text
    picture = Picture.objects.get()
    original = f"uploads/{picture.image.name}"
    assert re.fullmatch(r"uploads/pictures/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", original)
    renditions = bucket.keys("uploads/renditions/")
    assert len(renditions) == 4  # 480, 960 and 1600 px WebP, and the 1200×630 social picture
    assert bucket.keys() == sorted([original, *renditions])

    article = ArticleFactory(title="Clean room opens", cover=picture)
    with django_assert_max_num_queries(8):
        page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    sources = image_sources(page.text)
    assert sources
    assert all(src.startswith(bucket.public_url + "renditions/") for src in sources), sources
    status, headers, body = fetch(sources[0])
    assert (status, headers["Content-Type"]) == (200, "image/webp")
    assert "immutable" in headers["Cache-Control"]
    assert body[:4] == b"RIFF"


@pytest.mark.django_db(transaction=True)
def test_a_social_card_is_drawn_into_the_bucket_and_removed_with_its_item(bucket, client):
    article = ArticleFactory(title="Cluster opens a training centre")  # committed: its card is drawn
    card = open_graph_image(client.get(article.get_absolute_url()).text)
    assert re.fullmatch(rf"{re.escape(bucket.public_url)}social/news/article/{article.pk}/[0-9a-f]{{12}}\.jpg", card)
    status, headers, body = fetch(card)
    assert (status, headers["Content-Type"], body[:2]) == (200, "image/jpeg", b"\xff\xd8")

    article.delete()
    assert bucket.keys("uploads/social/") == []
    assert fetch(card)[0] == 404


@pytest.mark.django_db
def test_a_save_that_fails_in_the_storage_leaves_no_object(bucket, editor_client):
    """The original is written, then the storage refuses a rendition: the form says so, and the
    original is deleted again with the rolled-back row."""
    from botocore.exceptions import ClientError

    def refuse_renditions(params, **kwargs):
        if params["Key"].startswith("uploads/renditions/"):
            error = {"Code": "InternalError", "Message": "We encountered an internal error"}
            raise ClientError({"Error": error, "ResponseMetadata": {"HTTPStatusCode": 500}}, "PutObject")

    events = storages["default"].connection.meta.client.meta.events
    events.register("provide-client-params.s3.PutObject", refuse_renditions, unique_id="refuse-renditions")
    try:
        response = editor_client.post(PICTURE_ADD, add_form_data(picture_upload("a.png"), alt_text="Clean room"))
    finally:
        events.unregister("provide-client-params.s3.PutObject", unique_id="refuse-renditions")
    assert response.status_code == 200
    assert STORAGE_MESSAGE in response.text
    assert 'value="Clean room"' in response.text
    assert not Picture.objects.exists()
    assert bucket.keys() == []


# --- publications' documents ------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_publications_file_is_private_and_handed_out_only_once_published(bucket, editor_client):
    client = Client()  # a visitor (editor_client is the test's own client, signed in)
    document = SimpleUploadedFile("Annual report.pdf", PDF_BYTES, content_type="application/pdf")
    response = editor_client.post(PUBLICATION_ADD, publication_form(document, status="draft"))
    assert response.status_code == 302, response.text
    publication = Publication.objects.get()
    assert bucket.keys() == [f"private/{publication.file.name}"]  # nothing under the public prefix
    assert fetch(f"{bucket.endpoint}/{bucket.name}/private/{publication.file.name}")[0] == 403
    download = publication.get_absolute_url() + "download/"

    assert client.get(download).status_code == 404  # a draft: for staff only
    preview = editor_client.get(download)
    assert preview.status_code == 302
    assert "no-store" in preview["Cache-Control"]
    assert preview["X-Robots-Tag"] == "noindex"

    Publication.objects.filter(pk=publication.pk).update(status="published", published_at=timezone.now())
    response = client.get(download)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{bucket.endpoint}/{bucket.name}/private/publications/")
    assert "X-Amz-Signature=" in response["Location"]
    status, headers, body = fetch(response["Location"])
    assert (status, body) == (200, PDF_BYTES)
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"].startswith('attachment; filename="Annual report 2025.pdf"')


@pytest.mark.django_db
def test_a_private_file_can_be_streamed_through_the_app_instead(bucket, client, settings, monkeypatch):
    monkeypatch.setattr(storages["private"], "delivery", "stream")
    document = SimpleUploadedFile("report.pdf", PDF_BYTES, content_type="application/pdf")
    publication = Publication(title="Annual report 2031", slug="annual-report-2031", publication_type="annual_report")
    publication.file = document
    publication.status, publication.published_at = "published", timezone.now()
    publication.save()
    response = client.get(f"/media-center/publications/{publication.slug}/download/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Disposition"].startswith("attachment;")
    storages["private"].delete(publication.file.name)
    assert client.get(f"/media-center/publications/{publication.slug}/download/").status_code == 404


# --- several app servers ------------------------------------------------------------------------


def server_environment(tmp_path: Path, database_url: str, bucket: Bucket) -> dict[str, str]:
    """What a deployment sets: the settings read it (clusterportal/settings.py)."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV")
    return {
        **{key: os.environ[key] for key in keep if key in os.environ},
        "DJANGO_SETTINGS_MODULE": "clusterportal.settings",
        "DJANGO_ENV": "local",
        "DEBUG": "false",
        "VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "STORAGE_S3_BUCKET": bucket.name,
        "STORAGE_S3_ENDPOINT_URL": bucket.endpoint,
        "STORAGE_S3_REGION": "us-east-1",
        "STORAGE_S3_ACCESS_KEY": "testing",
        "STORAGE_S3_SECRET_KEY": "testing",
    }


def shared_database_url(tmp_path: Path) -> str:
    """The test database, as the servers reach it: PostgreSQL's own, or SQLite's in-memory one
    copied into a file (the servers then share that file)."""
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        user = quote(s["USER"] or "", safe="") + (f":{quote(s['PASSWORD'], safe='')}" if s["PASSWORD"] else "")
        return f"postgres://{user}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{quote(s['NAME'], safe='')}"
    path = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as target:
        connection.connection.backup(target)
    return f"sqlite:///{path}"


@pytest.fixture
def two_servers(tmp_path, s3_endpoint, transactional_db) -> Iterator[tuple[str, str, Bucket, object]]:
    """Two gunicorn servers on one database, one Redis database and one bucket. The data the test
    makes before it starts them is committed (transactional_db), so that they see it."""
    redis = pytest.importorskip("redis")
    bucket = new_bucket(s3_endpoint)
    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=1).flushdb()
    except redis.RedisError as error:
        problem = f"Redis is not reachable at {REDIS_URL} ({error})"
        pytest.fail(f"{problem} [CI is set: .ci/run starts Redis]") if IN_CI else pytest.skip(problem)

    def start(database_url: str) -> tuple[str, subprocess.Popen]:
        port = free_port()
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "clusterportal.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--no-control-socket",
                "--log-level",
                "warning",
            ],
            env=server_environment(tmp_path, database_url, bucket),
            cwd=BASE_DIR,
            stdout=subprocess.DEVNULL,
            stderr=open(tmp_path / f"gunicorn-{port}.log", "wb"),  # noqa: SIM115
        )
        return f"http://127.0.0.1:{port}", process

    servers: list[subprocess.Popen] = []

    def begin() -> tuple[str, str]:
        database_url = shared_database_url(tmp_path)
        (first, one), (second, two) = start(database_url), start(database_url)
        servers.extend([one, two])
        wait_for(f"{first}/healthz", one)
        wait_for(f"{second}/healthz", two)
        return first, second

    try:
        yield begin, bucket
    finally:
        for process in servers:
            stop(process, signal.SIGINT)  # gunicorn's quick shutdown


def test_two_app_servers_share_edits_sessions_and_uploads(two_servers, django_user_model):
    import requests

    begin, bucket = two_servers
    # A hash the servers' own hashers check (the tests' MD5 is not among them), made cheaply: the
    # first sign-in brings it up to Django's iterations.
    password = PBKDF2PasswordHasher().encode("dana-password", "saltsaltsalt", iterations=1000)
    django_user_model.objects.create_superuser("dana", "dana@example.com")
    django_user_model.objects.filter(username="dana").update(password=password)
    article = ArticleFactory(title="Old title")
    first, second = begin()

    # The visitor's copy of the page on the second server, now in the shared cache if any.
    assert "Old title" in requests.get(second + article.get_absolute_url(), timeout=10).text

    editor = requests.Session()
    login = f"{first}/admin/login/"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', editor.get(login, timeout=10).text).group(1)
    signed_in = editor.post(
        login, {"username": "dana", "password": "dana-password", "csrfmiddlewaretoken": token, "next": "/admin/"}
    )
    assert signed_in.url == f"{first}/admin/", signed_in.text[:500]

    # An edit through the first server…
    change = f"{first}/admin/news/article/{article.pk}/change/"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', editor.get(change, timeout=10).text).group(1)
    data = article_admin_form_data(article.category, title="New title", slug=article.slug, status="published")
    data |= {"published_at_0": "", "published_at_1": "", "csrfmiddlewaretoken": token}
    saved = editor.post(change, data, timeout=20)
    assert saved.url.endswith("/admin/news/article/"), saved.text[:2000]
    # …shows at once through the second.
    page = requests.get(second + article.get_absolute_url(), timeout=10).text
    assert "New title" in page
    assert "Old title" not in page

    # An upload through the second server, with the session signed in on the first…
    add = f"{second}{PICTURE_ADD}"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', editor.get(add, timeout=10).text).group(1)
    fields = {"title": "", "alt_text": "Filling line", "caption": "", "credit": "", "_save": "Save"}
    files = {"image": ("line.png", picture_bytes("PNG"), "image/png")}
    uploaded = editor.post(add, {**fields, "csrfmiddlewaretoken": token}, files=files, timeout=20)
    assert uploaded.url.endswith("/admin/clusterportal/picture/"), uploaded.text[:2000]
    # …is listed by the first, from the bucket, which serves it.
    listing = editor.get(f"{first}/admin/clusterportal/picture/", timeout=10)
    thumbnails = [src for src in image_sources(listing.text) if src.startswith(f"{bucket.endpoint}/{bucket.name}/")]
    assert thumbnails, listing.text[:2000]
    assert requests.get(thumbnails[0], timeout=10).status_code == 200
    assert f"img-src 'self' data: {bucket.endpoint}" in listing.headers["Content-Security-Policy"]
