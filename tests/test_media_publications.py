"""Publications: documents checked by their content, a list with type and year filters, and a
download that is an attachment with its real type, for published items only.

What every content type shares is tested once, for each type, in tests/test_contract.py.
"""

import html
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from media_center import documents
from media_center.models import Publication
from tests.factories import DOCX_BYTES, PDF_BYTES, PublicationFactory


def zip_bytes(files: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def ooxml(folder: str) -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", f"{folder}/main.xml": b"<x/>"})


# --- documents, checked by their content --------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [(PDF_BYTES, "PDF"), (DOCX_BYTES, "DOCX"), (ooxml("xl"), "XLSX"), (ooxml("ppt"), "PPTX")],
)
def test_accepted_documents_are_recognised_by_content(content, expected):
    assert documents.detect_format(ContentFile(content, name="whatever.bin")) == expected


def zip_bomb() -> bytes:
    """A few hundred kB that claims to unpack to 300 MB (zeros compress about 1000:1)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(300):
                member.write(chunk)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<!DOCTYPE html><html><script>alert(1)</script></html>", "web page (HTML)"),
        (b"  <html><body>hi</body></html>", "web page (HTML)"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "SVG"),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "SVG"),
        (b"MZ\x90\x00\x03" + b"\0" * 100, "program"),
        (b"\x7fELF\x02\x01\x01" + b"\0" * 100, "program"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old Office file"),
        (b"just some text", "not a document"),
        (b"", "not a document"),
        (zip_bytes({"readme.txt": b"hello"}), "ZIP archive, not an Office document"),
        (zip_bytes({"[Content_Types].xml": b"<T/>", "other/x.xml": b"<x/>"}), "ZIP archive"),
        (zip_bytes({"[Content_Types].xml": b"<T/>", "word/a.xml": b"", "xl/b.xml": b""}), "ZIP archive"),
        (b"PK\x03\x04 truncated", "damaged"),
    ],
)
def test_disguised_or_foreign_files_named_pdf_are_refused(content, message):
    with pytest.raises(ValidationError) as caught:
        documents.detect_format(ContentFile(content, name="report.pdf"))
    assert message in caught.value.messages[0]
    assert "PDF, DOCX, XLSX or PPTX" in caught.value.messages[0] or "damaged" in message


def test_a_zip_bomb_is_refused_without_unpacking_it():
    with pytest.raises(ValidationError, match="zip bomb"):
        documents.detect_format(ContentFile(zip_bomb(), name="report.docx"))


def test_an_oversized_file_is_refused(monkeypatch):
    monkeypatch.setattr(documents, "MAX_DOCUMENT_BYTES", 500)
    with pytest.raises(ValidationError, match="documents may be at most"):
        documents.detect_format(ContentFile(PDF_BYTES, name="big.pdf"))


@pytest.mark.parametrize(("size", "text"), [(737, "737 bytes"), (2048, "2 KB"), (1_258_291, "1.2 MB")])
def test_sizes_read_like_people_write_them(size, text):
    assert documents.human_size(size) == text


# --- the admin ----------------------------------------------------------------------------------


def publication_form(upload, **overrides) -> dict:
    data = {
        "title": "Annual report 2025",
        "slug": "",
        "publication_type": "annual_report",
        "language": "en",
        "description": "",
        "file": upload,
        "status": "published",
        "published_at_0": "",
        "published_at_1": "",
        "seo_description": "",
        "_save": "Save",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_admin_uploads_a_pdf_and_stores_size_format_and_a_safe_name(editor_client, settings):
    upload = SimpleUploadedFile("../../Отчёт <final>.pdf", PDF_BYTES, content_type="text/html")
    response = editor_client.post("/admin/media_center/publication/add/", publication_form(upload))
    assert response.status_code == 302, response.text
    publication = Publication.objects.get()
    assert (publication.file_format, publication.file_size) == ("PDF", len(PDF_BYTES))
    assert publication.file.name.startswith("publications/")
    assert publication.file.name.endswith(".pdf")
    assert "final" not in publication.file.name


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html><script>alert(1)</script></html>", "web page (HTML)"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "SVG"),
        (b"MZ\x90\x00" + b"\0" * 64, "program"),
    ],
)
def test_admin_refuses_a_disguised_pdf_and_writes_nothing(content, message, editor_client, settings):
    upload = SimpleUploadedFile("report.pdf", content, content_type="application/pdf")
    response = editor_client.post("/admin/media_center/publication/add/", publication_form(upload))
    assert response.status_code == 200
    assert message in html.unescape(response.text)
    assert not Publication.objects.exists()
    for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        uploads = root / "publications"
        assert not uploads.exists() or not any(uploads.rglob("*.*"))


@pytest.mark.django_db
def test_admin_refuses_an_oversized_file(editor_client, monkeypatch):
    monkeypatch.setattr(documents, "MAX_DOCUMENT_BYTES", 100)
    upload = SimpleUploadedFile("report.pdf", PDF_BYTES, content_type="application/pdf")
    response = editor_client.post("/admin/media_center/publication/add/", publication_form(upload))
    assert "documents may be at most" in html.unescape(response.text)
    assert not Publication.objects.exists()


# --- what a visitor sees ------------------------------------------------------------------------


@pytest.mark.django_db
def test_list_shows_type_date_language_size_format_and_a_download_link(client):
    publication = PublicationFactory(title="Annual report 2025", slug="ar-2025", language="en")
    text = client.get("/media-center/publications/").text
    assert "Annual report 2025" in text
    assert "Annual report</span>" in text
    assert "English" in text
    assert '<span class="file-format">PDF</span>' in text
    assert f'<span class="file-size">{len(PDF_BYTES)} bytes</span>' in text
    assert 'href="/media-center/publications/ar-2025/download/"' in text
    assert publication.published_at.strftime("%Y") in text
    assert 'aria-current="page">Publications' in text


@pytest.mark.django_db
def test_type_filter_narrows_the_list(client):
    PublicationFactory(title="The report", publication_type="annual_report")
    PublicationFactory(title="The brochure", publication_type="brochure")
    text = client.get("/media-center/publications/", {"type": "brochure"}).text
    assert "The brochure" in text
    assert "The report" not in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    # <script>, NUL, 5000 characters and -1 in every filter: tests/test_contract.py.
    [{"type": "novel"}, {"year": "abc"}, {"year": "1900"}],
)
def test_bad_filters_show_an_error_and_no_items(params, client):
    PublicationFactory(title="The report")
    response = client.get("/media-center/publications/", params)
    assert response.status_code == 200
    assert "Some filter values were not understood" in response.text
    assert "The report" not in response.text
    assert "<script>" not in response.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "fmt", "content_type", "ext"),
    [
        (PDF_BYTES, "PDF", "application/pdf", "pdf"),
        (DOCX_BYTES, "DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    ],
)
def test_download_is_an_attachment_with_its_real_type(content, fmt, content_type, ext, client):
    publication = PublicationFactory(title="Annual report", slug="report", file=ContentFile(content, name="x.bin"))
    assert publication.file_format == fmt
    response = client.get("/media-center/publications/report/download/")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == content_type
    assert response.headers["Content-Disposition"] == f'attachment; filename="Annual report.{ext}"'
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == content


@pytest.mark.django_db
@pytest.mark.parametrize("trait", ["draft", "scheduled"])
def test_unpublished_publications_are_404_everywhere(trait, editor_client):
    client = Client()  # anonymous (editor_client is the signed-in default client)
    publication = PublicationFactory(slug="hidden", **{trait: True})
    for url in (publication.get_download_url(), publication.get_absolute_url(), publication.get_print_url()):
        assert client.get(url).status_code == 404, url
    assert "/publications/hidden/" not in client.get("/media-center/publications/").text
    # Staff allowed to see publications download it to check it, never from a cache.
    # (Staff without that permission: tests/test_private_files.py.)
    response = editor_client.get(publication.get_download_url())
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    assert editor_client.get(publication.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_download_of_an_unknown_slug_or_a_lost_file_is_404(client):
    assert client.get("/media-center/publications/nope/download/").status_code == 404
    publication = PublicationFactory(slug="lost")
    publication.file.storage.delete(publication.file.name)
    assert client.get("/media-center/publications/lost/download/").status_code == 404


@pytest.mark.django_db
def test_publication_page_and_print_view(client):
    publication = PublicationFactory(title="Investor deck", slug="deck", publication_type="presentation")
    text = client.get("/media-center/publications/deck/").text
    assert "<h1>Investor deck</h1>" in text
    assert "Presentation" in text
    assert 'href="/media-center/publications/deck/download/"' in text
    printed = client.get(publication.get_print_url()).text
    assert "http://testserver/media-center/publications/deck/download/" in printed


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("title", "disposition"),
    [
        (
            "Годовой отчёт 2026",
            'attachment; filename="Godovoy otchet 2026.pdf"; '
            "filename*=UTF-8''%D0%93%D0%BE%D0%B4%D0%BE%D0%B2%D0%BE%D0%B9%20%D0%BE%D1%82%D1%87%D1%91%D1%82%202026.pdf",
        ),
        ('Report "2026": plans/results', 'attachment; filename="Report 2026 plans results.pdf"'),
        ("Report\r\nSet-Cookie: x=1", 'attachment; filename="Report Set-Cookie x=1.pdf"'),
        ("...", 'attachment; filename="the-report.pdf"'),
    ],
    ids=["cyrillic", "quotes-and-slashes", "crlf-injection", "nothing-left"],
)
def test_download_is_saved_under_its_title(title, disposition, client):
    PublicationFactory(title=title, slug="the-report")
    response = client.get("/media-center/publications/the-report/download/")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == disposition
