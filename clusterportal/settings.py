"""
Settings for clusterportal: one module, every deploy-time value from the environment.

Two modes, chosen by DJANGO_ENV:

- ``local`` (the default): the embedded demo set-up. SQLite under var/, uploads under
  var/uploads/, a file cache under var/cache/, DEBUG on, a throwaway secret key, localhost only.
- ``production``: DEBUG off, and SECRET_KEY and ALLOWED_HOSTS must be given, or the process
  refuses to start. Everything else keeps a safe default.

Every variable is read through a strict helper that raises ImproperlyConfigured on a value
it does not understand, rather than guessing. README.md lists them all.
"""

import datetime
import ipaddress
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {value!r}.")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {value!r}.") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}; got {number}.")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


ENVIRONMENT = env_str("DJANGO_ENV", "local")
if ENVIRONMENT not in {"local", "production"}:
    raise ImproperlyConfigured(f"DJANGO_ENV must be 'local' or 'production'; got {ENVIRONMENT!r}.")
LOCAL = ENVIRONMENT == "local"

DEBUG = env_bool("DEBUG", default=LOCAL)

_LOCAL_SECRET_KEY = "local-only-insecure-key-never-used-in-production"
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not LOCAL:
        raise ImproperlyConfigured("SECRET_KEY is required when DJANGO_ENV=production.")
    # Only ever used by the local embedded default (DJANGO_ENV=local), meant for localhost.
    SECRET_KEY = _LOCAL_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if LOCAL else [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is required when DJANGO_ENV=production (comma-separated).")
if any("*" in host for host in ALLOWED_HOSTS):
    # "*" answers to any Host header (host-header poisoning of absolute links); "*.x" matches nothing.
    raise ImproperlyConfigured(
        f"ALLOWED_HOSTS must name the site's hosts; got {','.join(ALLOWED_HOSTS)!r}. "
        "No wildcard: '.cluster.example' covers a domain and its subdomains."
    )
if not LOCAL and DEBUG:
    raise ImproperlyConfigured(
        "DEBUG must be off when DJANGO_ENV=production: its error pages show the site's internals."
    )


def is_loopback_host(host: str) -> bool:
    """This machine's own names: localhost, *.localhost, 127.0.0.0/8, [::1]."""
    host = host.lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.removeprefix("[").removesuffix("]")).is_loopback
    except ValueError:
        return False


# A deployment that forgets DJANGO_ENV=production lands in local mode: DEBUG on and a secret key
# anyone can read here, which signs sessions (anyone could sign in as staff). Local mode serves
# this machine's own names only; another host name means the site is meant to be reached from
# elsewhere, and then both dangers must be switched off by hand (a demo on the local network:
# its own SECRET_KEY and DEBUG=false), or DJANGO_ENV=production set. Never one without the other:
# a real key with DEBUG on would still show every visitor the debug pages.
_public_hosts = [host for host in ALLOWED_HOSTS if not is_loopback_host(host)]
_dangers = [
    name for name, on in (("DEBUG on", DEBUG), ("the built-in secret key", SECRET_KEY == _LOCAL_SECRET_KEY)) if on
]
if LOCAL and _public_hosts and _dangers:
    raise ImproperlyConfigured(
        f"ALLOWED_HOSTS names {', '.join(_public_hosts)}, but DJANGO_ENV is 'local'"
        f"{' (the default: DJANGO_ENV is unset)' if 'DJANGO_ENV' not in os.environ else ''}, which would serve "
        f"it with {' and '.join(_dangers)}. Set DJANGO_ENV=production to deploy; for a local demo reached "
        "from other machines, set SECRET_KEY and DEBUG=false."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

SITE_NAME = env_str("SITE_NAME", "Pharma Cluster")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "django_prose_editor",
    "imagekit",
    "csp",
    # Sign-in protection: lockout after failed attempts, and two-factor sign-in (TOTP apps).
    "axes",
    "django_otp",
    "clusterportal.accounts.apps.TwoFactorDevicesConfig",  # django_otp.plugins.otp_totp
    "clusterportal",
    "news",
    "portfolio",
    "media_center",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous pages from the cache, never stale (clusterportal/pagecache.py): before everything
    # that reads the session, the user or the database, so a hit runs none of it.
    "clusterportal.pagecache.PageCacheMiddleware",
    # Early, so that it wraps what reads the session and the user: a 503 while the database is
    # down, from everything after it (clusterportal/faults.py).
    "clusterportal.faults.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before CommonMiddleware (Django's order for LocaleMiddleware).
    "clusterportal.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # request.user.is_verified(): signed in with a two-factor device (django-otp); then the
    # site's rules on it (clusterportal/accounts/middleware.py).
    "django_otp.middleware.OTPMiddleware",
    "clusterportal.accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "clusterportal.urls"
WSGI_APPLICATION = "clusterportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "clusterportal.context_processors.site",
            ],
        },
    },
]

VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

# SQLite under var/ by default; DATABASE_URL (postgres://…) for PostgreSQL through psycopg 3.
# Connections persist and are health-checked: opening one per request costs more than
# rendering a page (measured: ~0.8 ms SQLite, ~3.9 ms PostgreSQL).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer fails the request quickly (a 503) instead of holding it.
    # libpq and psycopg wait at least 2 s; a refused connection fails at once anyway.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int(
        "DATABASE_CONNECT_TIMEOUT", 2, minimum=1
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    # Django's Redis cache, with a dead Redis a miss instead of an error (clusterportal/cache.py),
    # and short socket timeouts, in seconds, so that a hung Redis does not hold a request.
    _cache_timeout = env_int("CACHE_TIMEOUT_MS", 250, minimum=1) / 1000
    CACHES = {
        "default": {
            "BACKEND": "clusterportal.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": _cache_timeout, "socket_timeout": _cache_timeout},
        }
    }
else:
    # Without Redis, files under VAR_DIR: one cache for every process on this machine (runserver,
    # gunicorn's workers, management commands), so that a save in one ends the cached pages of
    # all (clusterportal/pagecache.py). Local memory would be a cache per process, stale in the others.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }
# The full-page cache for anonymous visitors keeps a page at most this long (changes end it at
# once; this only bounds writes that bypass the models, such as raw SQL); 0 turns it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in protection (clusterportal/accounts/). django-axes counts failed sign-ins per account
# *and* address: after LOGIN_FAILURE_LIMIT of them that pair is refused for LOGIN_LOCKOUT_MINUTES
# (a 429 page). Per pair, not per account: a stranger typing wrong passwords at an editor's name
# locks out only themselves, never the editor; not per address alone: editors behind one office
# address do not lock each other out. `manage.py axes_reset` (or axes_reset_username NAME)
# unlocks early. Attempts live in the database, so every app process and machine sees them.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1)
# How many reverse proxies in front of the app append to X-Forwarded-For: the client address is
# the one the outermost of them saw (clusterportal/accounts/client_ip.py). Production runs behind
# one (README); 0 ignores the header, which anyone can write.
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0 if LOCAL else 1)
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = datetime.timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "clusterportal.accounts.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "clusterportal.accounts.views.locked_out"
# A successful sign-in forgets that pair's earlier typos.
AXES_RESET_ON_SUCCESS = True
# No row per successful sign-in (Django keeps last_login) and none per failure beyond the
# per-pair counts above, which expire with the lockout: the addresses of people are kept no
# longer than the lockout needs them, and a flood of guesses cannot grow a table without end.
# Every failure and lockout is still logged (the "axes" logger, WARNING), with the address and
# without what was typed: a password typed into the username field stays out of the logs.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_SENSITIVE_PARAMETERS = ["username", "otp_token"]
AXES_VERBOSE = False
# Two-factor sign-in (django-otp): staff turn it on at /admin/two-factor/. With
# REQUIRE_TWO_FACTOR, staff without a device can only reach that page once signed in.
REQUIRE_TWO_FACTOR = env_bool("REQUIRE_TWO_FACTOR", default=False)
OTP_TOTP_ISSUER = SITE_NAME  # the name authenticator apps list the code under

# The site's languages (clusterportal.languages): the default keeps unprefixed addresses
# (/news/), the others live under their prefix (/ru/news/). Only languages the site has a
# catalogue, a search configuration and taxonomy fields for may be offered.
_SUPPORTED_LANGUAGES = {"en": "English", "ru": "Russian"}
LANGUAGE_CODE = env_str("LANGUAGE_CODE", "en")
_offered = env_list("LANGUAGES", list(_SUPPORTED_LANGUAGES))
_unknown = [code for code in _offered if code not in _SUPPORTED_LANGUAGES]
if _unknown or not _offered:
    raise ImproperlyConfigured(
        f"LANGUAGES must be a comma-separated list of {', '.join(_SUPPORTED_LANGUAGES)}; got {_offered!r}."
    )
if LANGUAGE_CODE not in _offered:
    raise ImproperlyConfigured(
        f"LANGUAGE_CODE must be one of LANGUAGES ({', '.join(_offered)}); got {LANGUAGE_CODE!r}."
    )
LANGUAGES = [(code, _SUPPORTED_LANGUAGES[code]) for code in _offered]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The cluster works in Moscow time; the admin says so in its help texts.
TIME_ZONE = "Europe/Moscow"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# collectstatic's target in production; locally whitenoise serves straight from the finders.
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles"))) if not LOCAL else None
WHITENOISE_USE_FINDERS = LOCAL
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/uploads/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "uploads")))
# Files that must not be public before their item is (publications' documents): outside
# MEDIA_ROOT, so no /uploads/ address reaches them; only the app's download view sends them,
# once it has checked the item is published (docs/decisions/0005-private-files.md).
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
_private, _public = PRIVATE_MEDIA_ROOT.resolve(), MEDIA_ROOT.resolve()
if _private == _public or _public in _private.parents:
    raise ImproperlyConfigured(
        f"PRIVATE_MEDIA_ROOT must be outside MEDIA_ROOT ({MEDIA_ROOT}), which is served to anyone; "
        f"got {PRIVATE_MEDIA_ROOT}."
    )
# nginx's internal location for PRIVATE_MEDIA_ROOT, e.g. "/_private/" (README): the download view
# then answers with X-Accel-Redirect and nginx sends the bytes. Empty: the app streams the file.
PRIVATE_MEDIA_ACCEL_REDIRECT = env_str("PRIVATE_MEDIA_ACCEL_REDIRECT", "")
if PRIVATE_MEDIA_ACCEL_REDIRECT and not (
    PRIVATE_MEDIA_ACCEL_REDIRECT.startswith("/") and PRIVATE_MEDIA_ACCEL_REDIRECT.endswith("/")
):
    raise ImproperlyConfigured(
        f"PRIVATE_MEDIA_ACCEL_REDIRECT must be a path that starts and ends with /, e.g. /_private/; "
        f"got {PRIVATE_MEDIA_ACCEL_REDIRECT!r}."
    )

STORAGES = {
    # Django's file system storage; the files of a save that rolls back are deleted (clusterportal/faults.py).
    "default": {"BACKEND": "clusterportal.faults.TransactionalFileSystemStorage"},
    # PRIVATE_MEDIA_ROOT: files without a public address (clusterportal/uploads.py).
    "private": {"BACKEND": "clusterportal.uploads.PrivateStorage"},
    # Hashed, compressed names in production (collectstatic); plain files locally and in tests.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if LOCAL
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploads on S3-compatible object storage (django-storages; clusterportal/storage.py), set by
# STORAGE_S3_BUCKET: what several app servers need, since none keeps a file of its own. Pictures,
# renditions and social cards go under the public prefix, which the bucket lets anyone read (a
# bucket policy: README), at STORAGE_S3_PUBLIC_URL; publications' documents under the private
# prefix (or STORAGE_S3_PRIVATE_BUCKET), handed out by the download view only, by a redirect to an
# address signed for STORAGE_S3_SIGNED_URL_SECONDS, or streamed (STORAGE_S3_PRIVATE_DELIVERY).
STORAGE_S3_BUCKET = env_str("STORAGE_S3_BUCKET", "")
#: The origin pictures come from when it is not the site's own (CSP img-src below).
MEDIA_ORIGINS: list[str] = []
if STORAGE_S3_BUCKET:
    _s3_endpoint = env_str("STORAGE_S3_ENDPOINT_URL", "") or None
    _s3_region = env_str("STORAGE_S3_REGION", "") or None
    _s3_access_key = env_str("STORAGE_S3_ACCESS_KEY") or env_str("AWS_ACCESS_KEY_ID")
    _s3_secret_key = env_str("STORAGE_S3_SECRET_KEY") or env_str("AWS_SECRET_ACCESS_KEY")
    if bool(_s3_access_key) != bool(_s3_secret_key):
        raise ImproperlyConfigured(
            "Give both STORAGE_S3_ACCESS_KEY and STORAGE_S3_SECRET_KEY (or AWS_ACCESS_KEY_ID and "
            "AWS_SECRET_ACCESS_KEY), or neither to use the machine's role."
        )
    if _s3_endpoint and not _s3_endpoint.startswith(("http://", "https://")):
        raise ImproperlyConfigured(f"STORAGE_S3_ENDPOINT_URL must start with http(s)://; got {_s3_endpoint!r}.")
    _s3_addressing = env_str("STORAGE_S3_ADDRESSING_STYLE", "path" if _s3_endpoint else "virtual")
    if _s3_addressing not in {"path", "virtual"}:
        raise ImproperlyConfigured(f"STORAGE_S3_ADDRESSING_STYLE must be 'path' or 'virtual'; got {_s3_addressing!r}.")
    _s3_public_prefix = env_str("STORAGE_S3_PUBLIC_PREFIX", "uploads").strip("/")
    _s3_private_prefix = env_str("STORAGE_S3_PRIVATE_PREFIX", "private").strip("/")
    _s3_private_bucket = env_str("STORAGE_S3_PRIVATE_BUCKET", "") or STORAGE_S3_BUCKET
    if _s3_private_bucket == STORAGE_S3_BUCKET and (
        not _s3_public_prefix
        or not _s3_private_prefix
        or f"{_s3_private_prefix}/".startswith(f"{_s3_public_prefix}/")
        or f"{_s3_public_prefix}/".startswith(f"{_s3_private_prefix}/")
    ):
        raise ImproperlyConfigured(
            "In one bucket, STORAGE_S3_PUBLIC_PREFIX and STORAGE_S3_PRIVATE_PREFIX must be two separate, non-empty "
            f"folders (the public one is readable by anyone); got {_s3_public_prefix!r} and {_s3_private_prefix!r}."
        )
    # The public prefix's address: a CDN or domain of the site's own, else the bucket's own address.
    _s3_public_url = env_str("STORAGE_S3_PUBLIC_URL", "")
    if not _s3_public_url:
        if _s3_endpoint and _s3_addressing == "path":
            _s3_public_url = f"{_s3_endpoint.rstrip('/')}/{STORAGE_S3_BUCKET}/"
        elif _s3_endpoint:
            _scheme, _, _host = _s3_endpoint.rstrip("/").partition("://")
            _s3_public_url = f"{_scheme}://{STORAGE_S3_BUCKET}.{_host}/"
        else:
            _s3_public_url = f"https://{STORAGE_S3_BUCKET}.s3.{_s3_region or 'us-east-1'}.amazonaws.com/"
    if not _s3_public_url.startswith(("http://", "https://")):
        raise ImproperlyConfigured(f"STORAGE_S3_PUBLIC_URL must start with http(s)://; got {_s3_public_url!r}.")
    _s3_public_url = _s3_public_url.rstrip("/") + "/"
    STORAGE_S3_PRIVATE_DELIVERY = env_str("STORAGE_S3_PRIVATE_DELIVERY", "redirect")
    if STORAGE_S3_PRIVATE_DELIVERY not in {"redirect", "stream"}:
        raise ImproperlyConfigured(
            f"STORAGE_S3_PRIVATE_DELIVERY must be 'redirect' or 'stream'; got {STORAGE_S3_PRIVATE_DELIVERY!r}."
        )
    if PRIVATE_MEDIA_ACCEL_REDIRECT:
        raise ImproperlyConfigured(
            "PRIVATE_MEDIA_ACCEL_REDIRECT names a folder nginx sends from; with STORAGE_S3_BUCKET the documents are in "
            "the bucket: leave it empty (the download view redirects to a signed address, or streams)."
        )
    from botocore.config import Config as _S3Config

    _s3_common = {
        "endpoint_url": _s3_endpoint,
        "region_name": _s3_region,
        "access_key": _s3_access_key,
        "secret_key": _s3_secret_key,
        # A storage that does not answer fails the admin's save in seconds (a message), not minutes.
        "client_config": _S3Config(
            s3={"addressing_style": _s3_addressing},
            signature_version="s3v4",
            connect_timeout=env_int("STORAGE_S3_TIMEOUT_SECONDS", 5, minimum=1),
            read_timeout=env_int("STORAGE_S3_TIMEOUT_SECONDS", 5, minimum=1) * 4,
            retries={"max_attempts": 3, "mode": "standard"},
        ),
        # Never overwrite another item's file (the file system storage's rule): a taken name gets a suffix.
        "file_overwrite": False,
    }
    MEDIA_URL = f"{_s3_public_url}{_s3_public_prefix}/"
    MEDIA_ORIGINS = ["{0}//{2}".format(*_s3_public_url.split("/", 3))]  # scheme://host[:port]
    STORAGES["default"] = {
        "BACKEND": "clusterportal.storage.PublicS3Storage",
        "OPTIONS": {
            **_s3_common,
            "bucket_name": STORAGE_S3_BUCKET,
            "location": _s3_public_prefix,
            "public_url": MEDIA_URL,
            "querystring_auth": False,
        },
    }
    STORAGES["private"] = {
        "BACKEND": "clusterportal.storage.PrivateS3Storage",
        "OPTIONS": {
            **_s3_common,
            "bucket_name": _s3_private_bucket,
            "location": _s3_private_prefix,
            "querystring_auth": True,
            "delivery": STORAGE_S3_PRIVATE_DELIVERY,
            "signed_url_seconds": env_int("STORAGE_S3_SIGNED_URL_SECONDS", 60, minimum=1),
        },
    }

# Picture renditions (django-imagekit): made when a picture is saved, never checked or made
# while a page renders (clusterportal/pictures/images.py).
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"
IMAGEKIT_CACHEFILE_DIR = "renditions"
IMAGEKIT_SPEC_CACHEFILE_NAMER = "imagekit.cachefiles.namers.source_name_as_path"

# Uploads: keep large bodies out of memory and refuse absurd requests early.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

# Security headers. HTTPS settings default on in production, off locally (runserver is http).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not LOCAL)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if LOCAL else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not LOCAL)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not LOCAL)
SESSION_COOKIE_SECURE = not LOCAL
CSRF_COOKIE_SECURE = not LOCAL
SESSION_COOKIE_HTTPONLY = True
if env_bool("BEHIND_TLS_PROXY", default=not LOCAL):
    # The reverse proxy terminates TLS and says so in this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy: no third-party origins and no inline script. NONCE adds a nonce to
# the header only on responses that used one: the admin's rich-text editor form (its import
# map is inline). Public pages never do, so their policy is plain script-src 'self'.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        # The video player's embeds, framed only after the visitor clicks play (media_center.video_hosts).
        "frame-src": [
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
            "https://rutube.ru",
            "https://vk.com",
        ],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if LOCAL else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Site admin", address) for address in env_list("ADMINS", [])]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}, "null": {"class": "logging.NullHandler"}},
    "filters": {"skip_database_unavailable": {"()": "clusterportal.faults.SkipDatabaseUnavailable"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # A bad Host header is a scanner's problem, not ours: no traceback, no error mail.
        "django.security.DisallowedHost": {"handlers": ["null"], "propagate": False},
        # A database outage is answered with a 503 and logged in one line (clusterportal/faults.py),
        # not with a traceback and an error mail per request.
        "django.request": {"filters": ["skip_database_unavailable"]},
    },
}
