"""What the site does when something it depends on fails: nothing is lost, nothing leaks.

- **The database is down**: every page answers a branded 503 with ``Retry-After``, rendered
  without the database, in the page's language (``DatabaseUnavailableMiddleware``). The site
  recovers by itself when the database returns: connections are health-checked before reuse
  (``conn_health_checks``) and a broken one is dropped at the end of its request.
- **A dependency check** for the load balancer: ``down_dependencies()`` (``/healthz``).
- **File storage fails** (disk full, no permission) during an admin save: the save is rolled
  back, the files it wrote are deleted, and the form says what happened with the editor's
  typed data kept (``StorageFaultsAdminMixin``, ``files_removed_on_error``). A row never points
  at a missing file, and no file is left behind without its row.

The cache's faults (Redis down) are handled in ``clusterportal.cache``: a miss, never an error.
"""

from __future__ import annotations

import contextvars
import errno
import logging
import re
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage
from django.core.signals import got_request_exception
from django.db import DatabaseError, InterfaceError, OperationalError, connections, transaction
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from clusterportal import registry

logger = logging.getLogger(__name__)

#: What the 503 tells clients to wait before trying again: a database restart takes seconds.
RETRY_AFTER_SECONDS = 30

#: SQLite reports schema mistakes as OperationalError; those are bugs (a 500), not an outage.
_SCHEMA_ERRORS = re.compile(r"no such (table|column)|has no column named|syntax error", re.IGNORECASE)


class Throttle:
    """At most one log line per ``interval`` seconds per ``key``, counting the ones held back:
    an outage at a thousand requests a second must not write a thousand lines a second."""

    def __init__(self, interval: float = 10.0):
        self.interval = interval
        self._lock = threading.Lock()
        self._last: dict[str, float] = {}
        self._held: dict[str, int] = {}

    def ready(self, key: str) -> int | None:
        """None when the line is held back; else how many were held back since the last one."""
        now = time.monotonic()
        with self._lock:
            last = self._last.get(key)
            if last is not None and now - last < self.interval:
                self._held[key] = self._held.get(key, 0) + 1
                return None
            self._last[key] = now
            return self._held.pop(key, 0)

    def reset(self) -> None:
        with self._lock:
            self._last.clear()
            self._held.clear()


#: Shared by the database, cache and storage warnings (tests call ``throttle.reset()``).
throttle = Throttle()


def warn(key: str, message: str, *args) -> None:
    """One line, no traceback, throttled per ``key``."""
    held = throttle.ready(key)
    if held is None:
        return
    if held:
        message += f" ({held} more since the last report)"
    logger.warning(message, *args)


def one_line(error: BaseException) -> str:
    """An exception as ``Type: message`` on one line (psycopg's messages span several)."""
    return f"{type(error).__name__}: {' '.join(str(error).split())}"[:300]


# --- the database ---------------------------------------------------------------------------


def is_database_unavailable(error: BaseException | None) -> bool:
    """Whether ``error`` means "the database cannot be reached or used just now" (a 503) rather
    than a mistake in the code or the data (a 500): connection refused or lost, server shutting
    down, too many connections, a timeout. Django wraps those as OperationalError or InterfaceError;
    IntegrityError, ProgrammingError, DataError and the like stay 500s."""
    if not isinstance(error, OperationalError | InterfaceError):
        return False
    return not _SCHEMA_ERRORS.search(str(error))


def page_language(request: HttpRequest) -> str:
    """The language the 503 speaks, from the address alone (or, in the admin, the editor's choice):
    no session, no database."""
    admin_prefix = reverse("admin:index")
    if request.path_info.startswith(admin_prefix):
        return translation.get_language_from_request(request, check_path=False)
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """The branded 503: the site's frame and CSS, the header's sections from the registry, no
    context processors (they may touch the session, hence the database)."""
    language = page_language(request)
    with translation.override(language):
        context = {
            "SITE_NAME": settings.SITE_NAME,
            "LANGUAGE_CODE": language,
            "home_url": reverse("home"),
            "nav_sections": [(section.label, section.url) for section in registry.sections()],
            "changes_lost": request.method == "POST",
        }
        html = loader.get_template("503.html").render(context)
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Content-Language"] = language
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """A 503 instead of a 500 while the database is unavailable, for every page, the admin's too.

    Put it early (right after SecurityMiddleware and WhiteNoise): the session and the signed-in
    user are read lazily, from views and templates, and what those raise arrives here through
    ``process_exception``. What a later middleware raises (the session saved on the way out)
    Django has already turned into a 500 by the time it gets here; ``got_request_exception``
    marks the request, and the 500 is swapped for the 503. One throttled log line per outage
    instead of a traceback per request (``SkipDatabaseUnavailable`` quiets ``django.request``).
    """

    marker = "_database_unavailable"  #: the error, on a request a later middleware failed
    answered = "_answered_database_unavailable"  #: True on a request answered with the 503

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        error = getattr(request, self.marker, None)
        if error is not None and response.status_code >= 500:
            return self.unavailable(request, error, secure_headers=True)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_unavailable(exception):
            return None
        return self.unavailable(request, exception)

    def unavailable(self, request: HttpRequest, error: BaseException, *, secure_headers: bool = False):
        warn("database", "Database unavailable: %s %s answered 503 (%s)", request.method, request.path, one_line(error))
        setattr(request, self.answered, True)
        response = unavailable_response(request)
        if secure_headers:
            # The middleware after this one did not see this response: say what they would have.
            response.headers.setdefault("X-Frame-Options", "DENY")
            response.headers.setdefault(
                "Content-Security-Policy",
                "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
            )
        return response


def _mark_unavailable(sender, request=None, **kwargs) -> None:
    error = sys.exc_info()[1]
    if request is not None and is_database_unavailable(error):
        setattr(request, DatabaseUnavailableMiddleware.marker, error)


got_request_exception.connect(_mark_unavailable, dispatch_uid="clusterportal.faults.mark_unavailable")


class SkipDatabaseUnavailable(logging.Filter):
    """A logging filter for ``django.request``: neither the "Internal Server Error" traceback nor
    the "Service Unavailable" line (nor their error mail) for a request that the middleware
    answers with a 503: it logs its own line, throttled."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and is_database_unavailable(record.exc_info[1]):
            return False
        request = getattr(record, "request", None)
        return not getattr(request, DatabaseUnavailableMiddleware.answered, False)


# --- /healthz -------------------------------------------------------------------------------


def database_ok(alias: str = "default") -> bool:
    """``SELECT 1`` on ``alias``: a connection attempt bounded by ``connect_timeout``."""
    connection = connections[alias]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        warn("healthz-database", "Health check: database down (%s)", one_line(error))
        # A broken connection is not kept for the next request.
        connection.close_if_unusable_or_obsolete()
        return False
    return True


def cache_ok() -> bool:
    """The cache's own ping (``clusterportal.cache.ResilientRedisCache.ping``); a cache in the
    process (local memory) is always up."""
    ping = getattr(cache, "ping", None)
    return True if ping is None else ping()


def down_dependencies() -> list[str]:
    """The dependencies that are down, of ``database`` and ``cache``."""
    checks = {"database": database_ok, "cache": cache_ok}
    return [name for name, check in checks.items() if not check()]


# --- file storage ----------------------------------------------------------------------------

STORAGE_FAILED_MESSAGE = _(
    "The file could not be stored (the disk is full or not writable). Nothing was saved; "
    "try again or tell the administrator."
)


class StorageFailed(OSError):
    """Writing a file failed (disk full, no permission, read-only file system)."""


_written: contextvars.ContextVar[list | None] = contextvars.ContextVar("clusterportal_files_written", default=None)


@contextmanager
def files_removed_on_error() -> Iterator[None]:
    """The files that storages write inside this block are deleted again if it raises.

    Wrap it around a transaction: when the rows roll back, their files go too. Nested blocks
    hand what they wrote to the enclosing one, which may still fail.
    """
    outer = _written.get()
    written: list = []
    token = _written.set(written)
    try:
        yield
    except BaseException:
        for storage, name in reversed(written):
            try:
                storage.delete(name)
            except OSError as error:
                warn("storage-cleanup", "Could not delete %s after a failed save (%s)", name, one_line(error))
        raise
    else:
        if outer is not None:
            outer.extend(written)
    finally:
        _written.reset(token)


@contextmanager
def atomic_with_files(using: str | None = None) -> Iterator[None]:
    """``transaction.atomic()`` whose files are deleted when it rolls back."""
    with files_removed_on_error(), transaction.atomic(using=using):
        yield


class TrackedSaveMixin:
    """For a storage class: every file it writes is known to ``files_removed_on_error``, and an
    OSError while writing is a ``StorageFailed``, which the admin turns into a message."""

    def save(self, name, content, max_length=None):
        try:
            saved = super().save(name, content, max_length=max_length)
        except StorageFailed:
            raise
        except OSError as error:
            warn("storage", "Storage could not write %s (%s)", name, one_line(error))
            raise StorageFailed(error.errno or errno.EIO, str(error)) from error
        written = _written.get()
        if written is not None:
            written.append((self, saved))
        return saved


class TransactionalFileSystemStorage(TrackedSaveMixin, FileSystemStorage):
    """The default storage (``STORAGES["default"]``): Django's file system storage, tracked."""


class StorageFaultsAdminMixin:
    """For a ModelAdmin: a save whose files cannot be stored changes nothing and says so.

    Django's ``changeform_view`` saves the object, its files and its inlines in one transaction.
    When the storage fails, that transaction rolls back, the files already written are deleted,
    and the form is shown again, bound to what the editor typed, with the message above it
    (status 200; the browser does not send files again, so the editor picks them again).
    """

    _storage_failed = "_storage_failed"

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            with files_removed_on_error():
                return super().changeform_view(request, object_id, form_url, extra_context)
        except StorageFailed:
            # The transaction has rolled back. Show the form again; it refuses to save this time.
            setattr(request, self._storage_failed, True)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if not getattr(request, self._storage_failed, False):
            return form

        class NotStoredForm(form):
            def clean(self):
                super().clean()
                raise forms.ValidationError(STORAGE_FAILED_MESSAGE, code="storage_failed")

        NotStoredForm.__name__ = form.__name__
        return NotStoredForm
