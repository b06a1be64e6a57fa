"""Settings fail loudly on bad values; production is locked down; every response is hardened."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import ArticleFactory
from tests.helpers import sitemap_text

BASE_DIR = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": secrets.token_urlsafe(45),  # 60 characters
    "ALLOWED_HOSTS": "example.org",
}
#: The only variables of the test run passed on: a subprocess must see the environment a real
#: deployment would, not whatever this pytest session has set (e.g. DJANGO_ALLOW_ASYNC_UNSAFE,
#: which the browser tests set and which `check --deploy` rightly rejects).
PASSED_ON = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV")


def clean_environment() -> dict[str, str]:
    clean = {key: os.environ[key] for key in PASSED_ON if key in os.environ}
    clean["DJANGO_SETTINGS_MODULE"] = "clusterportal.settings"
    return clean


def run_python(args: list[str], env: dict[str, str], *, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        env=clean_environment() | env,
        cwd=BASE_DIR,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- the environment is read strictly ---------------------------------------------------------

BAD_ENVIRONMENTS = [
    pytest.param({"DJANGO_ENV": "production", "ALLOWED_HOSTS": "example.org"}, "SECRET_KEY", id="no-secret-key"),
    pytest.param(
        {"DJANGO_ENV": "production", "SECRET_KEY": "", "ALLOWED_HOSTS": "example.org"},
        "SECRET_KEY",
        id="empty-secret-key",
    ),
    pytest.param({"DJANGO_ENV": "production", "SECRET_KEY": PRODUCTION["SECRET_KEY"]}, "ALLOWED_HOSTS", id="no-hosts"),
    pytest.param(
        {"DJANGO_ENV": "production", "SECRET_KEY": PRODUCTION["SECRET_KEY"], "ALLOWED_HOSTS": " , "},
        "ALLOWED_HOSTS",
        id="blank-hosts",
    ),
    pytest.param({"DEBUG": "maybe"}, "DEBUG", id="debug-maybe"),
    pytest.param({**PRODUCTION, "DEBUG": "maybe"}, "DEBUG", id="production-debug-maybe"),
    pytest.param({"CONN_MAX_AGE": "abc"}, "CONN_MAX_AGE", id="conn-max-age-abc"),
    pytest.param({"CONN_MAX_AGE": "-1"}, "CONN_MAX_AGE", id="conn-max-age-negative"),
    pytest.param({"SECURE_HSTS_SECONDS": "a year"}, "SECURE_HSTS_SECONDS", id="hsts-words"),
    pytest.param({"EMAIL_PORT": "25.5"}, "EMAIL_PORT", id="email-port-decimal"),
    pytest.param({"DJANGO_ENV": "staging"}, "DJANGO_ENV", id="unknown-environment"),
    pytest.param({"LANGUAGE_CODE": "de"}, "LANGUAGE_CODE", id="default-language-not-offered"),
    pytest.param({"LANGUAGES": "en,de"}, "LANGUAGES", id="language-the-site-cannot-speak"),
    pytest.param({"LANGUAGES": " , "}, "LANGUAGES", id="no-languages"),
    pytest.param({"LANGUAGES": "ru", "LANGUAGE_CODE": "en"}, "LANGUAGE_CODE", id="default-not-among-languages"),
    # A deployment that forgot DJANGO_ENV=production: never a public host with DEBUG or the built-in key.
    pytest.param({"ALLOWED_HOSTS": "cluster.example"}, "DJANGO_ENV", id="public-host-without-django-env"),
    pytest.param(
        {"ALLOWED_HOSTS": "localhost,cluster.example", "SECRET_KEY": PRODUCTION["SECRET_KEY"]},
        "DJANGO_ENV",
        id="public-host-in-local-mode-with-debug",
    ),
    pytest.param(
        {"ALLOWED_HOSTS": "cluster.example", "DEBUG": "false"}, "DJANGO_ENV", id="public-host-with-the-built-in-key"
    ),
    pytest.param({"ALLOWED_HOSTS": "192.168.1.20"}, "DJANGO_ENV", id="network-address-without-django-env"),
    pytest.param({**PRODUCTION, "DEBUG": "true"}, "DEBUG", id="production-with-debug"),
    pytest.param({**PRODUCTION, "ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS", id="production-any-host"),
    pytest.param({**PRODUCTION, "ALLOWED_HOSTS": "example.org,*"}, "ALLOWED_HOSTS", id="production-any-host-too"),
    pytest.param({**PRODUCTION, "ALLOWED_HOSTS": "*.example.org"}, "ALLOWED_HOSTS", id="production-glob"),
    pytest.param({"LOGIN_FAILURE_LIMIT": "0"}, "LOGIN_FAILURE_LIMIT", id="no-failures-allowed"),
    pytest.param({"LOGIN_FAILURE_LIMIT": "five"}, "LOGIN_FAILURE_LIMIT", id="failure-limit-words"),
    pytest.param({"LOGIN_LOCKOUT_MINUTES": "0"}, "LOGIN_LOCKOUT_MINUTES", id="no-lockout"),
    pytest.param({"LOGIN_LOCKOUT_MINUTES": "1.5"}, "LOGIN_LOCKOUT_MINUTES", id="lockout-decimal"),
    pytest.param({"TRUSTED_PROXIES": "-1"}, "TRUSTED_PROXIES", id="trusted-proxies-negative"),
    pytest.param({"TRUSTED_PROXIES": "nginx"}, "TRUSTED_PROXIES", id="trusted-proxies-words"),
    pytest.param({"REQUIRE_TWO_FACTOR": "maybe"}, "REQUIRE_TWO_FACTOR", id="require-two-factor-maybe"),
]
#: Local mode on this machine's own names, or reached from elsewhere with both dangers switched off.
GOOD_LOCAL_HOSTS = [
    pytest.param({"ALLOWED_HOSTS": "localhost,127.0.0.1,[::1]"}, id="the-default-hosts"),
    pytest.param({"ALLOWED_HOSTS": "cluster.localhost,.localhost,127.0.0.2"}, id="other-loopback-names"),
    pytest.param(
        {"ALLOWED_HOSTS": "192.168.1.20", "SECRET_KEY": PRODUCTION["SECRET_KEY"], "DEBUG": "false"},
        id="demo-on-the-local-network",
    ),
]
#: The sign-in protection's knobs, and what they become.
LOGIN_KNOBS = {"LOGIN_FAILURE_LIMIT": "3", "LOGIN_LOCKOUT_MINUTES": "60", "TRUSTED_PROXIES": "2"}
BOOLEANS = ["1", "true", "YES", "on", "0", "false", "No", "off"]
#: Every environment the tests below import the settings under.
RUSSIAN_DEFAULT = {"LANGUAGE_CODE": "ru"}
ENVIRONMENTS = (
    [param.values[0] for param in BAD_ENVIRONMENTS]
    + [PRODUCTION, {}, RUSSIAN_DEFAULT, LOGIN_KNOBS, {"REQUIRE_TWO_FACTOR": "true"}]
    + [param.values[0] for param in GOOD_LOCAL_HOSTS]
    + [{"DEBUG": v} for v in BOOLEANS]
)

#: Imports the settings once per environment, each time as a fresh module under exactly that
#: environment (the variables above and nothing else of the test run), and reports what each
#: import raised or the values it set. One interpreter for all of them: starting Python and
#: importing Django once per environment cost more than everything these tests check.
IMPORTER = """
import importlib, json, os, sys, traceback

HTTPS = ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS",
         "SECURE_PROXY_SSL_HEADER")
base = dict(os.environ)
results = []
for env in json.load(sys.stdin):
    os.environ.clear()
    os.environ.update(base | env)
    sys.modules.pop("clusterportal.settings", None)
    try:
        s = importlib.import_module("clusterportal.settings")
    except BaseException:
        results.append({"raised": traceback.format_exc()})
        continue
    https = [getattr(s, name, None) for name in HTTPS]
    results.append({"raised": None, "DEBUG": s.DEBUG, "SECRET_KEY": s.SECRET_KEY, "https": https,
                    "LANGUAGE_CODE": s.LANGUAGE_CODE, "LANGUAGES": [code for code, _ in s.LANGUAGES],
                    "login": [s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME.total_seconds(), s.TRUSTED_PROXIES,
                              s.REQUIRE_TWO_FACTOR]})
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def import_settings():
    """``import_settings(env)``: what importing the settings under ``env`` gave (see IMPORTER)."""
    result = run_python(["-c", IMPORTER], {}, stdin=json.dumps(ENVIRONMENTS))
    assert result.returncode == 0, result.stderr
    found = dict(zip(map(json.dumps, ENVIRONMENTS), json.loads(result.stdout), strict=True))
    return lambda env: found[json.dumps(env)]


@pytest.mark.parametrize(("env", "named"), BAD_ENVIRONMENTS)
def test_bad_or_missing_environment_value_refuses_to_start(env, named, import_settings):
    raised = import_settings(env)["raised"]
    assert raised is not None
    assert "ImproperlyConfigured" in raised
    assert named in raised


def test_production_with_its_required_values_starts_with_debug_off(import_settings):
    result = import_settings(PRODUCTION)
    assert result["raised"] is None, result["raised"]
    assert result["DEBUG"] is False


def test_local_default_starts_with_debug_on(import_settings):
    result = import_settings({})
    assert result["raised"] is None, result["raised"]
    assert result["DEBUG"] is True


def test_languages_default_to_english_then_russian_and_russian_can_be_the_default(import_settings):
    assert import_settings({})["LANGUAGE_CODE"] == "en"
    assert import_settings({})["LANGUAGES"] == ["en", "ru"]
    russian = import_settings(RUSSIAN_DEFAULT)
    assert russian["raised"] is None, russian["raised"]
    assert russian["LANGUAGE_CODE"] == "ru"


@pytest.mark.parametrize("value", BOOLEANS)
def test_boolean_values_are_understood(value, import_settings):
    assert import_settings({"DEBUG": value})["raised"] is None


@pytest.mark.parametrize("env", GOOD_LOCAL_HOSTS)
def test_local_mode_serves_its_own_names_or_a_deliberate_demo(env, import_settings):
    assert import_settings(env)["raised"] is None


def test_the_debug_refusal_names_the_switch_that_was_forgotten(import_settings):
    raised = import_settings({"ALLOWED_HOSTS": "cluster.example"})["raised"]
    assert "cluster.example" in raised
    assert "DJANGO_ENV=production" in raised
    assert "DEBUG on and the built-in secret key" in raised


def test_sign_in_protection_defaults_and_knobs(import_settings):
    # failure limit, cool-off in seconds, trusted proxies, two-factor required
    assert import_settings({})["login"] == [5, 900, 0, False]
    assert import_settings(PRODUCTION)["login"] == [5, 900, 1, False]
    assert import_settings(LOGIN_KNOBS)["login"] == [3, 3600, 2, False]
    assert import_settings({"REQUIRE_TWO_FACTOR": "true"})["login"][3] is True


def test_check_deploy_passes_with_production_values():
    result = run_python(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout


def test_production_values_switch_on_https_protections(import_settings):
    result = import_settings(PRODUCTION)
    assert result["raised"] is None, result["raised"]
    redirect, session_cookie, csrf_cookie, hsts_seconds, proxy_header = result["https"]
    assert (redirect, session_cookie, csrf_cookie) == (True, True, True)
    assert hsts_seconds >= 31536000
    assert proxy_header == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_no_secret_key_in_the_repository_reaches_production(import_settings):
    assert import_settings(PRODUCTION)["SECRET_KEY"] == PRODUCTION["SECRET_KEY"]


# --- response headers -------------------------------------------------------------------------

PUBLIC_PAGES = ["/", "/news/", "{detail}", "{print}", "/portfolio/", "/media-center/", "/news/no-such-article/"]


@pytest.fixture
def public_urls(db):
    article = ArticleFactory(with_cover=True)
    return [url.format(detail=article.get_absolute_url(), print=article.get_print_url()) for url in PUBLIC_PAGES]


def csp_directives(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("index", range(len(PUBLIC_PAGES)), ids=PUBLIC_PAGES)
def test_public_pages_carry_a_strict_content_security_policy(index, public_urls, client):
    response = client.get(public_urls[index])
    assert response.status_code in {200, 404}
    csp = csp_directives(response)
    assert "'self'" in csp["script-src"]
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]


@pytest.mark.parametrize("index", range(len(PUBLIC_PAGES)), ids=PUBLIC_PAGES)
def test_public_pages_carry_security_headers(index, public_urls, client):
    response = client.get(public_urls[index])
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize("index", range(len(PUBLIC_PAGES)), ids=PUBLIC_PAGES)
def test_public_pages_have_no_inline_script_or_style(index, public_urls, client):
    """The policy forbids them: an inline script or style would silently not work."""
    text = client.get(public_urls[index]).text
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text, re.I)
    assert not re.search(r"\son[a-z]+\s*=", text, re.I)
    assert "javascript:" not in text
    assert not re.search(r"<style\b", text, re.I)
    assert not re.search(r"\sstyle\s*=", text, re.I)


def test_500_page_has_no_inline_script(client, settings, db):
    settings.ROOT_URLCONF = "tests.urls_boom"
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", response.text, re.I)
    assert response.headers["X-Frame-Options"] == "DENY"


def test_inline_scripts_in_the_admin_carry_the_policys_nonce(editor_client):
    """The rich-text editor's import map is inline; it runs only if the CSP names its nonce."""
    response = editor_client.get("/admin/news/article/add/")
    nonces = set(re.findall(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]))
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.text, re.I)
    assert inline, "expected the editor's inline import map"
    for attributes in inline:
        nonce = re.search(r'nonce="([^"]+)"', attributes)
        assert nonce, f"inline script without a nonce: <script{attributes}>"
        assert nonce.group(1) in nonces


# --- crawlers ---------------------------------------------------------------------------------


def test_robots_txt_responds(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.text.splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_sitemap_lists_the_site_and_published_articles(client, db):
    article = ArticleFactory()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    text = sitemap_text(client)
    assert "<loc>http://testserver/</loc>" in text
    assert "<loc>http://testserver/news/</loc>" in text
    assert f"<loc>http://testserver{article.get_absolute_url()}</loc>" in text


def test_rss_feed_responds(client, db):
    article = ArticleFactory()
    response = client.get("/news/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert f"<title>{article.title}</title>" in response.text
    assert f"{settings.SITE_NAME}: news" in response.text
