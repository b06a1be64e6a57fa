"""Publications' documents are private files: stored outside MEDIA_ROOT, with no /uploads/ address,
and sent only by the download view once it has checked that the item is published or that the
visitor is staff allowed to see publications (docs/decisions/0005-private-files.md)."""

import importlib
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.test import Client
from django.utils.http import http_date

from media_center.models import Publication
from tests.factories import PDF_BYTES, PublicationFactory

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parent.parent


def staff_client(*permissions: str) -> Client:
    """A signed-in staff member (not a superuser) with only ``permissions`` ("view_publication")."""
    user = get_user_model().objects.create_user("carol", "carol@example.com", "carol-password", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="media_center", codename__in=permissions)
    )
    client = Client()
    client.force_login(user)
    return client


# --- where the files are ----------------------------------------------------------------------


def test_a_publications_file_is_stored_outside_the_public_uploads(settings):
    publication = PublicationFactory()
    stored = Path(publication.file.path)
    assert stored.is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert stored.read_bytes() == PDF_BYTES
    # Nothing under MEDIA_ROOT, which the proxy serves at /uploads/ to anyone.
    assert not (Path(settings.MEDIA_ROOT) / publication.file.name).exists()
    assert not Path(settings.PRIVATE_MEDIA_ROOT).is_relative_to(settings.MEDIA_ROOT)


def test_a_private_file_has_no_address_to_leak():
    publication = PublicationFactory()
    with pytest.raises(ValueError, match="no address"):
        publication.file.url  # noqa: B018 -- what a template or a serializer would do


def test_the_admin_links_the_current_file_to_the_download_view(editor_client):
    publication = PublicationFactory(draft=True, slug="embargoed")
    text = editor_client.get(f"/admin/media_center/publication/{publication.pk}/change/").text
    assert 'href="/media-center/publications/embargoed/download/"' in text
    assert "/uploads/publications/" not in text


# --- who may download -------------------------------------------------------------------------


@pytest.mark.parametrize("trait", ["draft", "scheduled"])
@pytest.mark.parametrize(
    ("permissions", "status"),
    [((), 404), (("add_publication",), 404), (("view_publication",), 200), (("change_publication",), 200)],
    ids=["no-permission", "add-only", "view", "change"],
)
def test_unpublished_files_only_for_staff_allowed_to_see_publications(trait, permissions, status):
    publication = PublicationFactory(**{trait: True})
    response = staff_client(*permissions).get(publication.get_download_url())
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF_BYTES
        assert "no-store" in response.headers["Cache-Control"]
        assert response.headers["X-Robots-Tag"] == "noindex"


@pytest.mark.parametrize("trait", ["draft", "scheduled"])
def test_unpublished_files_are_404_for_visitors_signed_in_or_not(trait, client, bob):
    publication = PublicationFactory(**{trait: True})
    assert client.get(publication.get_download_url()).status_code == 404
    bob.user_permissions.set(Permission.objects.filter(codename="view_publication"))  # but not staff
    client.force_login(bob)
    assert client.get(publication.get_download_url()).status_code == 404


# --- how the file is sent -----------------------------------------------------------------------


def test_the_app_streams_a_published_file_with_its_size_and_date(client):
    publication = PublicationFactory(title="Annual report", slug="report")
    response = client.get("/media-center/publications/report/download/")
    assert response.status_code == 200
    assert response.streaming
    assert response.headers["Content-Length"] == str(len(PDF_BYTES))
    assert response.headers["Content-Disposition"] == 'attachment; filename="Annual report.pdf"'
    assert response.headers["Cache-Control"] == "no-cache"
    modified = publication.file.storage.get_modified_time(publication.file.name).timestamp()
    assert response.headers["Last-Modified"] == http_date(modified)
    again = client.get(
        "/media-center/publications/report/download/", headers={"If-Modified-Since": http_date(modified)}
    )
    assert again.status_code == 304
    assert again.content == b""


def test_behind_nginx_the_app_only_says_which_file_to_send(client, settings):
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = "/_private/"
    publication = PublicationFactory(title="Годовой отчёт", slug="report")
    response = client.get("/media-center/publications/report/download/")
    assert response.status_code == 200
    assert response.content == b""
    assert response.headers["X-Accel-Redirect"] == f"/_private/{publication.file.name}"
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="Godovoy otchet.pdf"; filename*=')
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_behind_nginx_drafts_are_still_404(client, settings):
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = "/_private/"
    publication = PublicationFactory(draft=True)
    response = client.get(publication.get_download_url())
    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response.headers


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"MEDIA_ROOT": "/srv/site/uploads", "PRIVATE_MEDIA_ROOT": "/srv/site/uploads/private"}, "outside MEDIA_ROOT"),
        ({"PRIVATE_MEDIA_ACCEL_REDIRECT": "_private"}, "starts and ends with /"),
    ],
    ids=["private-inside-public", "accel-not-a-path"],
)
def test_settings_refuse_a_private_folder_that_is_public_or_a_bad_nginx_location(environment, message):
    result = subprocess.run(
        [sys.executable, "-c", "import clusterportal.settings"],
        env={"PATH": "/usr/bin:/bin", "DJANGO_ENV": "local", **environment},
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert message in result.stderr


# --- files uploaded before: the migration moves them ----------------------------------------------


def test_the_migration_moves_public_files_to_the_private_storage_and_back(settings):
    migration = importlib.import_module("media_center.migrations.0005_publication_files_private")
    publication = PublicationFactory()
    name = publication.file.name
    private = storages["private"]
    # As it was stored before: in the public storage.
    default_storage.save(name, ContentFile(PDF_BYTES))
    private.delete(name)
    lost = PublicationFactory()
    private.delete(lost.file.name)  # missing everywhere: left alone, nothing raised

    migration.to_private(apps, None)
    assert private.open(name).read() == PDF_BYTES
    assert not default_storage.exists(name)
    migration.to_private(apps, None)  # a second run changes nothing
    assert private.exists(name)
    assert Publication.objects.get(pk=publication.pk).file.name == name

    migration.to_public(apps, None)
    assert default_storage.open(name).read() == PDF_BYTES
    assert not private.exists(name)
