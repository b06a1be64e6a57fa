"""
Downloadable documents: upload checks by content, safe stored names, the type sent back.

Only PDF and the three Office Open XML formats (DOCX, XLSX, PPTX) are accepted, at most 25 MB.
The format is read from the content, never from the name: a PDF starts with ``%PDF-``; an OOXML
file is a ZIP holding ``[Content_Types].xml`` and a ``word/``, ``xl/`` or ``ppt/`` folder. ZIPs
are only listed, never unpacked, and refused when they claim to unpack to more than
``MAX_UNCOMPRESSED_BYTES`` (a zip bomb) or hold absurdly many entries. HTML, SVG, executables
and anything else are refused with a message an editor understands; nothing is written for a
refused file. Documents are stored in the private storage, never under ``/uploads/``: an
embargoed report must not be downloadable before its publication time.
"""

import uuid
import zipfile

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

from clusterportal.uploads import check_size, private_storage, read_from_start

MAX_DOCUMENT_BYTES = 25 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 5000

#: format -> (extension, content type)
FORMATS = {
    "PDF": ("pdf", "application/pdf"),
    "DOCX": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "XLSX": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "PPTX": ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
}
OOXML_FOLDERS = {"word/": "DOCX", "xl/": "XLSX", "ppt/": "PPTX"}
#: What the browser's file chooser offers.
ACCEPT = ".pdf,.docx,.xlsx,.pptx,application/pdf"
#: In messages to editors: "Upload a PDF, DOCX, XLSX or PPTX file."
ACCEPTED_TEXT = _("PDF, DOCX, XLSX or PPTX")


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def detect_format(file) -> str:
    """The document's real format ("PDF", "DOCX"…), read from its content; ValidationError otherwise."""
    check_size(
        file,
        MAX_DOCUMENT_BYTES,
        # Translators: what is uploaded, in "… documents may be at most 25 MB".
        kind=pgettext("what is uploaded", "documents"),
        advice=gettext("Make it smaller (e.g. export the PDF for screen)"),
    )
    with read_from_start(file):
        head = file.read(1024)
        if head.startswith(b"%PDF-"):
            return "PDF"
        if head.startswith(b"PK\x03\x04"):
            file.seek(0)
            return _ooxml_format(file)
        raise _refuse(_what_it_is(head), "format")


def _what_it_is(head: bytes) -> str:
    start = head.lstrip().lower()
    if head.startswith((b"MZ", b"\x7fELF")):
        kind = gettext("This is a program, not a document.")
    elif start.startswith((b"<svg", b"<?xml")) or b"<svg" in start:
        kind = gettext("This is an SVG drawing or XML file, not a document.")
    elif start.startswith((b"<!doctype", b"<html", b"<")):
        kind = gettext("This is a web page (HTML), not a document.")
    elif head.startswith(b"\xd0\xcf\x11\xe0"):
        kind = gettext("This is an old Office file (.doc, .xls or .ppt); save it as PDF or in the new format first.")
    else:
        kind = gettext("This file is not a document in an accepted format.")
    # Translators: what the file is (a sentence), then which formats to upload instead.
    return gettext("%(problem)s Upload a %(formats)s file.") % {"problem": kind, "formats": ACCEPTED_TEXT}


def _ooxml_format(file) -> str:
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                raise _refuse(gettext("This archive holds too many files to be an Office document."), "zip_bomb")
            # Declared sizes are only listed, never unpacked: a bomb is refused before it goes off.
            if sum(entry.file_size for entry in entries) > MAX_UNCOMPRESSED_BYTES:
                message = gettext(
                    "This file unpacks to far more than a document would (it may be a “zip bomb”). "
                    "Upload a %(formats)s file."
                )
                raise _refuse(message % {"formats": ACCEPTED_TEXT}, "zip_bomb")
            names = {entry.filename for entry in entries}
    except zipfile.BadZipFile:
        message = gettext("This file is damaged or incomplete. Save it again as %(formats)s and retry.")
        raise _refuse(message % {"formats": ACCEPTED_TEXT}, "corrupt") from None
    if "[Content_Types].xml" in names:
        found = {fmt for folder, fmt in OOXML_FOLDERS.items() if any(name.startswith(folder) for name in names)}
        if len(found) == 1:
            return found.pop()
    message = gettext("This is a ZIP archive, not an Office document. Upload a %(formats)s file.")
    raise _refuse(message % {"formats": ACCEPTED_TEXT}, "format")


def content_type(fmt: str) -> str:
    return FORMATS.get(fmt, ("bin", "application/octet-stream"))[1]


def document_upload_to(instance, filename: str) -> str:
    """A generated name whose extension follows the real format, never the uploaded name."""
    extension = FORMATS[detect_format(instance.file.file)][0]
    return timezone.now().strftime(f"publications/%Y/%m/{uuid.uuid4().hex}.{extension}")


def validate_document_file(value) -> None:
    """Model-level validator: only files not yet stored are checked."""
    if value and not getattr(value, "_committed", True):
        detect_format(value.file)


class DocumentFormField(forms.FileField):
    """A file field that trusts the content, not the name (``.pdf`` proves nothing)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        )
        super().__init__(*args, **kwargs)

    def to_python(self, data):
        data = super().to_python(data)
        if data is not None:
            detect_format(data)
        return data


class DocumentField(models.FileField):
    """A document checked by its content, kept in the private storage: it has no public address,
    and a view sends it once it has checked the visitor may have it (clusterportal.uploads)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("upload_to", document_upload_to)
        kwargs.setdefault("storage", private_storage)
        kwargs.setdefault("validators", [validate_document_file])
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": DocumentFormField, **kwargs})


def human_size(size: int) -> str:
    """ "830 KB", "1.2 MB" (decimal places only where they help)."""
    if size < 1024:
        return ngettext("%(size)d byte", "%(size)d bytes", size) % {"size": size}
    if size < 1024 * 1024:
        return gettext("%(size)d KB") % {"size": max(1, round(size / 1024))}
    # The page's decimal separator: "1.2 MB", "1,2 МБ".
    return gettext("%(size)s MB") % {"size": number_format(round(size / 1024 / 1024, 1), 1)}
