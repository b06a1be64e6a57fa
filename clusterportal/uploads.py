"""Uploads: what every upload check does before it reads a file, and where private files live.

Pictures (``clusterportal.pictures.images``) and documents (``media_center.documents``) each read
an upload's content to learn its real format. Both refuse a file over their limit before reading
a byte of it, and both read from the start without moving the file's position for whoever reads
it next (Django's storage saves from the current position).

Files that must not be public before their item is (publications' documents) are kept in the
private storage, ``PRIVATE_MEDIA_ROOT``, outside ``MEDIA_ROOT``: no ``/uploads/`` address reaches
them. A view sends one with ``private_file_response`` after checking who asks
(docs/decisions/0005-private-files.md).
"""

import math
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified, HttpResponseRedirect
from django.utils.functional import cached_property
from django.utils.http import http_date
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.static import was_modified_since

from clusterportal import downloads, faults


def check_size(file, limit: int, *, kind: str, advice: str = _("Make it smaller")) -> None:
    """Refuse ``file`` if it is larger than ``limit`` bytes, saying by how much, for an editor.

    ``kind`` names what is uploaded, in the plural ("pictures"); ``advice`` how to get under the
    limit (both translated by the caller). A file that does not know its size is left to the
    content checks.
    """
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        values = {
            # Rounded up: a file just over the limit must not read "20.0 MB; at most 20 MB".
            "size": math.ceil(size / 1024 / 1024 * 10) / 10,
            "kind": kind,
            "limit": limit // 1024 // 1024,
            "advice": advice,
        }
        raise ValidationError(
            # Translators: %(kind)s is what is uploaded, in the plural ("pictures", "documents");
            # %(advice)s how to make the file smaller ("Make it smaller").
            gettext("This file is %(size).1f MB; %(kind)s may be at most %(limit)d MB. %(advice)s and upload it again.")
            % values,
            code="too_large",
        )


@contextmanager
def read_from_start(file) -> Iterator:
    """``with read_from_start(upload) as f:`` reads ``f`` from its first byte; afterwards the
    file's position is where it was, whatever happened inside."""
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    try:
        yield file
    finally:
        file.seek(position)


# --- private files ---------------------------------------------------------------------------


class PrivateStorage(faults.TrackedSaveMixin, FileSystemStorage):
    """Files under ``PRIVATE_MEDIA_ROOT``, which no address of the site serves: they have no URL.

    Like the default storage, the files of a save that fails are removed (clusterportal.faults).
    The folder follows the setting when it changes (the tests give each test its own).
    """

    def __init__(self, location=None, **kwargs):
        super().__init__(location=location, **kwargs)

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError("A private file has no address: link to the view that sends it.")


def private_storage() -> PrivateStorage:
    """The storage of ``STORAGES["private"]``, for ``FileField(storage=private_storage)``."""
    return storages["private"]


def private_file_response(request, file, *, content_type: str, filename: str):
    """The response that sends ``file`` (a stored file of the private storage) as an attachment
    saved as ``filename``. The caller has checked that the visitor may have it.

    With ``PRIVATE_MEDIA_ACCEL_REDIRECT`` set ("/_private/"), an empty response whose
    ``X-Accel-Redirect`` has nginx send the file from that internal location, as fast as a static
    file (nginx answers conditional and range requests itself). Otherwise the file is streamed
    from here, with its size and modification time; 304 when the visitor's copy is current.
    Http404 if the file is missing.
    """
    headers = {
        "Content-Disposition": downloads.attachment(filename),
        "X-Content-Type-Options": "nosniff",
        # Revalidated on every use: a copy must not outlive the item's being public.
        "Cache-Control": "no-cache",
    }
    # Object storage (clusterportal/storage.py): a redirect to an address signed for a minute,
    # which the storage sends from; kept by no cache, since the signature expires.
    signed_url = getattr(file.storage, "signed_url", None)
    disposition = headers["Content-Disposition"]
    url = signed_url(file.name, content_type=content_type, disposition=disposition) if signed_url else None
    if url:
        return HttpResponseRedirect(url, headers={**headers, "Cache-Control": "no-store"})
    prefix = settings.PRIVATE_MEDIA_ACCEL_REDIRECT
    if prefix:
        return HttpResponse(
            content_type=content_type, headers={**headers, "X-Accel-Redirect": prefix + quote(file.name)}
        )
    try:
        modified = file.storage.get_modified_time(file.name).timestamp()
    except (FileNotFoundError, ValueError):
        raise Http404("The file is missing") from None
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), modified):
        return HttpResponseNotModified(headers={"Last-Modified": http_date(modified), **headers})
    try:
        handle = file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("The file is missing") from None
    response = FileResponse(handle, content_type=content_type)
    # After FileResponse has set its own headers: it would name the file after its stored name.
    for header, value in {**headers, "Last-Modified": http_date(modified)}.items():
        response[header] = value
    return response
