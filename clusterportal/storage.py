"""Uploads on S3-compatible object storage (django-storages), for several app servers.

Used when ``STORAGE_S3_BUCKET`` is set (clusterportal/settings.py, README "Object storage");
otherwise the files stay on the local disk, the embedded default. Every app server then sees the
same files, and none of them keeps a file of its own.

- ``PublicS3Storage`` (``STORAGES["default"]``): pictures, their renditions and social cards,
  under the public prefix (``uploads/``), which the bucket lets anyone read. Their address is
  ``MEDIA_URL`` (``STORAGE_S3_PUBLIC_URL`` plus the prefix) and the name: ``url()`` joins two
  strings, like the file system storage, because a list page computes dozens of rendition URLs
  (``Picture.rendition_url``) and must not ask the storage, nor sign anything, for them. Their
  names are never reused (random, or a digest of what a card shows), so they are cached for a year.
- ``PrivateS3Storage`` (``STORAGES["private"]``): publications' documents, under the private
  prefix or in a bucket of their own, which nobody can read without a signature. ``url()``
  refuses, as ``PrivateStorage`` does: only the download view, after its check, hands a file out,
  by a redirect to a signed address valid for ``STORAGE_S3_SIGNED_URL_SECONDS`` (``signed_url``),
  or with ``STORAGE_S3_PRIVATE_DELIVERY=stream`` by streaming it through the app
  (docs/decisions/0005-private-files.md).

Both keep the local storages' promise (clusterportal/faults.py): the objects written by a save
that rolls back are deleted, and the storage failing (unreachable, refused, out of quota) is a
``StorageFailed`` that the admin turns into a message, like a full disk. Errors of the SDK
(botocore) become ``OSError`` here, a missing object ``FileNotFoundError``, as the file system
storage raises them, so that no caller needs to know which storage it has.
"""

from __future__ import annotations

import errno
import functools

from botocore.exceptions import BotoCoreError, ClientError
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

from clusterportal import faults

#: Public objects never change under their name: a new picture or card gets a new name.
PUBLIC_CACHE_CONTROL = "public, max-age=31536000, immutable"


def _storage_errors_as_os_errors(method):
    """``method`` of a storage, raising OSError (FileNotFoundError for a missing object) instead
    of botocore's errors: what the file system storage raises, what the site's callers catch."""

    @functools.wraps(method)
    def wrapper(self, name, *args, **kwargs):
        try:
            return method(self, name, *args, **kwargs)
        except ClientError as error:
            status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            if status == 404:
                raise FileNotFoundError(errno.ENOENT, f"No such object: {name}") from error
            raise OSError(errno.EIO, f"Object storage refused {name}: {faults.one_line(error)}") from error
        except BotoCoreError as error:
            raise OSError(errno.EIO, f"Object storage unreachable for {name}: {faults.one_line(error)}") from error

    return wrapper


class ObjectStorageErrors:
    """For an S3 storage: every operation the site uses raises OSError, never botocore's errors."""

    _open = _storage_errors_as_os_errors(S3Storage._open)
    _save = _storage_errors_as_os_errors(S3Storage._save)
    delete = _storage_errors_as_os_errors(S3Storage.delete)
    exists = _storage_errors_as_os_errors(S3Storage.exists)
    listdir = _storage_errors_as_os_errors(S3Storage.listdir)
    size = _storage_errors_as_os_errors(S3Storage.size)
    get_modified_time = _storage_errors_as_os_errors(S3Storage.get_modified_time)


class PublicS3Storage(faults.TrackedSaveMixin, ObjectStorageErrors, S3Storage):
    """The default storage on object storage: public objects at ``public_url`` (``MEDIA_URL``)."""

    def get_default_settings(self):
        return {
            **super().get_default_settings(),
            # Where the public prefix is read by anyone: the bucket's address, a CDN or a domain
            # of the site's own, ending with the prefix and "/" (the settings make it MEDIA_URL).
            "public_url": "",
        }

    def get_object_parameters(self, name):
        return {"CacheControl": PUBLIC_CACHE_CONTROL, **super().get_object_parameters(name)}

    def url(self, name, parameters=None, expire=None, http_method=None):
        # No SDK call, no signature: the object is public, and pages compute many of these.
        return self.public_url + filepath_to_uri(clean_name(name)).lstrip("/")


class PrivateS3Storage(faults.TrackedSaveMixin, ObjectStorageErrors, S3Storage):
    """Documents nobody reads without a signature. No public address: the download view hands
    one out after its check (``signed_url``), or streams it (``delivery="stream"``)."""

    def get_default_settings(self):
        return {
            **super().get_default_settings(),
            "delivery": "redirect",  # or "stream": visitors cannot reach the bucket
            "signed_url_seconds": 60,
        }

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError("A private file has no address: link to the view that sends it.")

    def signed_url(self, name: str, *, content_type: str, disposition: str) -> str | None:
        """An address that gives this object, as an attachment of ``content_type`` saved as
        ``disposition`` says, to whoever has it, for ``signed_url_seconds``; None when the
        storage streams instead. Computed here, without a request to the storage."""
        if self.delivery != "redirect":
            return None
        parameters = {"ResponseContentType": content_type, "ResponseContentDisposition": disposition}
        return super().url(name, parameters=parameters, expire=self.signed_url_seconds)
