"""The full-page cache for anonymous visitors, never stale (docs/decisions/0006-page-cache.md).

One content version for the whole site: a random token in the cache, replaced whenever any
content changes (``content_changed``: every save, delete and many-to-many change of a model of
the project's own apps, connected in ``ClusterportalConfig.ready()``, and the admin's publish
actions, whose ``update()`` sends no signal). A stored page remembers the token it was made
under and counts only while the token is the same, so one change ends every page it could
affect, in every process that shares the cache (Redis, or the file cache of the embedded set-up).

A page is also never kept past the next scheduled publication (the earliest ``published_at``
in the future of any type): the scheduled item appears at its time without a cron job. That
time is looked up once per content version (one query) and kept in the cache with it.

A hit costs one cache round trip (``get_many`` of the token and the page) and nothing else: no
database query, no session, no template. Only anonymous GET and HEAD requests that carry no
session or messages cookie are looked up; only 200 answers without cookies, without
``private``/``no-store``/``no-cache``, with no ``Vary`` but ``Cookie`` (the session's: requests
with a session never get here), without a CSP nonce and without a form showing errors are
stored. Stored pages carry an ``ETag`` and ``Last-Modified``, and answer conditional requests
with 304.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import secrets
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import Min
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from clusterportal import faults

VERSION_KEY = "pagecache:version"
#: Sent with every page the cache answered or stored: ``hit`` or ``miss`` (for operators and tests).
STATUS_HEADER = "X-Page-Cache"
#: Paths never looked up nor stored, besides the admin's (read from the URL map).
EXCLUDED_PREFIXES = ("/i18n/", "/healthz")
#: Cache-Control of a stored page that has none of its own: any cache may keep it, but must ask
#: again each time; the answer to that (a 304 from the cache, ETag) costs next to nothing.
CACHE_CONTROL = {"public": True, "max_age": 0, "must_revalidate": True}


def timeout() -> int:
    """Seconds a page is kept at most (``PAGE_CACHE_SECONDS``); 0: the cache is off."""
    return settings.PAGE_CACHE_SECONDS


# --- the content version -------------------------------------------------------------------------


def _next_key(token: str) -> str:
    return f"pagecache:next:{token}"


def next_publication() -> float:
    """The earliest future publication time of any type (a timestamp), or 0.0 when none is
    scheduled: one query over every publishable model (each by its ``published_at`` index)."""
    from django.apps import apps

    from clusterportal.models import Publishable

    models = [
        model
        for model in apps.get_models()
        if issubclass(model, Publishable) and not model._meta.proxy and not model._meta.swapped
    ]
    if not models:
        return 0.0
    # One row per type (grouped by the one status scheduled() keeps): MIN, then UNION ALL.
    parts = [
        model.objects.scheduled()
        .order_by()
        .values("status")
        .annotate(earliest=Min("published_at"))
        .values_list("earliest", flat=True)
        for model in models
    ]
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    times = [moment for moment in query if moment is not None]
    return min(times).timestamp() if times else 0.0


def bump(*, schedule: bool = True) -> str:
    """Replace the content version: every stored page stops counting. Never raises: a cache that
    fails is one warning, not a failed save.

    ``schedule``: look up the next scheduled publication now and keep it with the new version
    (a publishable item changed). Otherwise the current version's is carried over (taxonomy and
    pictures schedule nothing), or, unknown, the first page stored under the new one looks it up.
    """
    token = secrets.token_hex(8)
    try:
        if schedule:
            scheduled = next_publication()
        else:
            current = cache.get(VERSION_KEY)
            scheduled = cache.get(_next_key(current)) if current is not None else None
        values = {VERSION_KEY: token}
        if scheduled is not None:
            values[_next_key(token)] = scheduled
        cache.set_many(values, timeout=None)
    except Exception as error:  # a save must not fail because of the cache
        faults.warn("pagecache", "Page cache: the content version was not replaced (%s)", faults.one_line(error))
    return token


def remembered(name: str, compute):
    """``compute()``, kept in the cache under the current content version: a value worked out
    from the published content (a list's year choices) is asked of the database again only after
    the content changes, and never kept past the next scheduled publication. ``name`` says what
    the value depends on besides the content (type, field, language). With the page cache off,
    or the cache failing, it is simply computed."""
    if not timeout():
        return compute()
    try:
        version = cache.get(VERSION_KEY) or bump()
        key = f"pagecache:value:{version}:{hashlib.sha256(name.encode()).hexdigest()[:24]}"
        found = cache.get_many([key, _next_key(version)])
    except Exception:  # the value is still right, only slower
        return compute()
    if key in found:
        return found[key]
    value = compute()
    scheduled = found.get(_next_key(version))
    seconds = timeout() if scheduled == 0.0 else (scheduled or 0) - time.time()
    if scheduled is not None and seconds >= 1:
        with contextlib.suppress(Exception):
            cache.set(key, value, timeout=min(seconds, timeout()))
    return value


def bump_after_commit() -> None:
    """``content_changed``'s second bump, when the transaction commits."""
    bump(schedule=True)


def content_changed(sender=None, *, using: str | None = None, **kwargs) -> None:
    """Something a page shows changed (a signal receiver, or called after ``update()``).

    The version is replaced at once (so this process, and tests inside a transaction, see the
    change) and again when the transaction commits: a page rendered in another process between
    the two, from the data before the commit, is stored under the first new version and ends
    with the second.
    """
    if kwargs.get("raw") or timeout() == 0:
        return  # fixtures load raw rows; ``loaddata`` is followed by nothing cached
    from clusterportal.models import Publishable

    is_publishable = sender is not None and isinstance(sender, type) and issubclass(sender, Publishable)
    bump(schedule=is_publishable)
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and not any(
        callback is bump_after_commit for _savepoints, callback, _robust in connection.run_on_commit
    ):
        transaction.on_commit(bump_after_commit, using=using, robust=True)


def many_to_many_changed(sender, instance, action, **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        content_changed(type(instance), using=kwargs.get("using"))


def own_models(app_configs) -> list[type]:
    """The models of the project's own apps (those under BASE_DIR, not installed packages):
    content, taxonomy, pictures. Not sessions, sign-in attempts, admin log entries or devices."""
    base = Path(settings.BASE_DIR).resolve()
    installed = Path(sys.prefix).resolve()
    found = []
    for config in app_configs:
        path = Path(config.path).resolve()
        if path.is_relative_to(base) and not path.is_relative_to(installed):
            found.extend(config.get_models())
    return found


def connect_signals(app_configs) -> None:
    """Every save, delete and many-to-many change of the project's own models ends the cache.
    Connected per model, so that other models keep Django's fast deletes (sessions, attempts)."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for model in own_models(app_configs):
        uid = f"clusterportal.pagecache.{model._meta.label_lower}"
        post_save.connect(_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(many_to_many_changed, sender=field.remote_field.through, dispatch_uid=uid)


def _saved(sender, instance, raw=False, using=None, **kwargs) -> None:
    content_changed(sender, raw=raw, using=using)


def _deleted(sender, instance, using=None, **kwargs) -> None:
    content_changed(sender, using=using)


# --- what a stored page is for ---------------------------------------------------------------------


_release: str | None = None


def release() -> str:
    """What the code and the settings a page is made of look like in this process: a deploy
    (new templates, translations, static file names, code) or another SITE_NAME starts a cache
    of its own, even in a Redis that outlives it. Stats the project's files once per process."""
    global _release
    if _release is None:
        digest = hashlib.sha256()
        for name in ("SITE_NAME", "LANGUAGE_CODE", "LANGUAGES", "STATIC_URL", "MEDIA_URL", "DEBUG"):
            digest.update(repr(getattr(settings, name, None)).encode())
        base = Path(settings.BASE_DIR)
        roots = [base / name for name in ("clusterportal", "news", "portfolio", "media_center", "templates", "locale")]
        if settings.STATIC_ROOT:
            roots.append(Path(settings.STATIC_ROOT) / "staticfiles.json")
        for root in roots:
            for path in sorted(root.rglob("*")) if root.is_dir() else [root]:
                if path.suffix in {".py", ".html", ".txt", ".xml", ".mo", ".json"} and "__pycache__" not in path.parts:
                    try:
                        stat = path.stat()
                    except OSError:
                        continue
                    digest.update(f"{path}:{stat.st_mtime_ns}:{stat.st_size};".encode())
        _release = digest.hexdigest()[:12]
    return _release


def page_key(request: HttpRequest, language: str) -> str:
    """The page's address as the visitor asked for it (scheme, Host, path, query string) and its
    language, hashed to a fixed length: an address of any length is one short key."""
    host = request.META.get("HTTP_HOST") or request.META.get("SERVER_NAME", "")
    address = "\n".join((release(), request.scheme, host, request.path, request.META.get("QUERY_STRING", ""), language))
    return "pagecache:page:" + hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()[:40]


def _form_has_errors(response) -> bool:
    """A page showing a form with errors (``?year=abc``): a function of its address, but no one
    asks for the same mistake twice; not worth a place in the cache."""
    context = getattr(response, "context_data", None) or {}
    form = context.get("form")
    return bool(form is not None and getattr(form, "is_bound", False) and form.errors)


def storable(request: HttpRequest, response: HttpResponse, language: str) -> bool:
    """Whether ``response`` is the same page for every anonymous visitor of this address."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    # Cookie: the session's (requests with one never get here). Anything else it varies on
    # (Accept-Language, "*") would need it in the key: not stored.
    varies = {value.strip().lower() for value in response.get("Vary", "").split(",") if value.strip()}
    if varies - {"cookie"}:
        return False
    if "nonce-" in response.get("Content-Security-Policy", ""):
        return False  # a nonce is for one response only
    if translation.get_language() != language:
        return False  # served in another language than its address says: not this address's page
    return not _form_has_errors(response)


class PageCacheMiddleware:
    """Answers anonymous visitors from the cache; stores what they were answered. Placed early
    (after SecurityMiddleware and WhiteNoise), so a hit runs nothing after it."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._excluded: tuple[str, ...] | None = None

    def excluded(self) -> tuple[str, ...]:
        if self._excluded is None:
            try:
                admin = reverse("admin:index")
            except NoReverseMatch:  # a URL map without the admin (a test's)
                admin = "/admin/"
            self._excluded = (admin, settings.MEDIA_URL, settings.STATIC_URL, *EXCLUDED_PREFIXES)
        return self._excluded

    def applies(self, request: HttpRequest) -> bool:
        if request.method not in ("GET", "HEAD") or timeout() == 0:
            return False
        if request.path_info.startswith(self.excluded()):
            return False
        if "HTTP_AUTHORIZATION" in request.META:
            return False
        cookies = request.COOKIES
        return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.applies(request):
            return self.get_response(request)
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        key = page_key(request, language)
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY)
        entry = found.get(key)
        if version is not None and entry is not None and entry[0] == version and time.time() < entry[1]:
            return self.answer(request, entry)
        response = self.get_response(request)
        stored = self.store(response, key, version) if storable(request, response, language) else None
        if stored is not None:
            # The visitor may hold this very page already (a proxy's or browser's copy): 304.
            etag, last_modified = stored
            return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
        return response

    def answer(self, request: HttpRequest, entry) -> HttpResponse:
        _version, _until, etag, last_modified, headers, body = entry
        response = HttpResponse(body)
        for name, value in headers:
            response.headers[name] = value
        response.headers[STATUS_HEADER] = "hit"
        return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)

    def store(self, response: HttpResponse, key: str, version: str | None) -> tuple[str, int] | None:
        """Keep ``response`` under ``key`` for the content ``version`` read before it was made,
        until the next scheduled publication at the latest. Its (ETag, Last-Modified) if stored."""
        now = time.time()
        try:
            if version is None:
                # No version yet (a new or emptied cache): start one; keep nothing this time if
                # another process started one first.
                version = secrets.token_hex(8)
                if not cache.add(VERSION_KEY, version, timeout=None):
                    return None
            next_key = _next_key(version)
            scheduled = cache.get(next_key)
            if scheduled is None or 0 < scheduled <= now:
                scheduled = next_publication()
                cache.set(next_key, scheduled, timeout=None)
        except DatabaseError as error:
            faults.warn("pagecache", "Page cache: not stored (%s)", faults.one_line(error))
            return None
        until = now + timeout()
        if scheduled:
            until = min(until, scheduled)
        if until - now < 1:
            return None  # something goes public within the second
        body = response.content
        etag = f'"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"'
        last_modified = int(now)
        response.headers["ETag"] = etag
        response.headers["Last-Modified"] = http_date(last_modified)
        if "Cache-Control" not in response.headers:
            patch_cache_control(response, **CACHE_CONTROL)
        headers = tuple(response.headers.items())
        cache.set(key, (version, until, etag, last_modified, headers, body), timeout=math.ceil(until - now))
        response.headers[STATUS_HEADER] = "miss"
        return etag, last_modified
