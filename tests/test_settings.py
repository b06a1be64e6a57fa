"""Settings fail loudly on bad values; production is locked down; every response is hardened."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import ArticleFactory

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


def run_python(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {key: os.environ[key] for key in PASSED_ON if key in os.environ}
    clean["DJANGO_SETTINGS_MODULE"] = "clusterportal.settings"
    return subprocess.run(
        [sys.executable, *args], env=clean | env, cwd=BASE_DIR, capture_output=True, text=True, timeout=120
    )


def import_settings(env: dict[str, str]) -> subprocess.CompletedProcess:
    return run_python(["-c", "import clusterportal.settings as s; print('DEBUG', s.DEBUG)"], env)


# --- the environment is read strictly ---------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "named"),
    [
        pytest.param({"DJANGO_ENV": "production", "ALLOWED_HOSTS": "example.org"}, "SECRET_KEY", id="no-secret-key"),
        pytest.param(
            {"DJANGO_ENV": "production", "SECRET_KEY": "", "ALLOWED_HOSTS": "example.org"},
            "SECRET_KEY",
            id="empty-secret-key",
        ),
        pytest.param(
            {"DJANGO_ENV": "production", "SECRET_KEY": PRODUCTION["SECRET_KEY"]}, "ALLOWED_HOSTS", id="no-hosts"
        ),
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
    ],
)
def test_bad_or_missing_environment_value_refuses_to_start(env, named):
    result = import_settings(env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert named in result.stderr


def test_production_with_its_required_values_starts_with_debug_off():
    result = import_settings(PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "DEBUG False" in result.stdout


def test_local_default_starts_with_debug_on():
    result = import_settings({})
    assert result.returncode == 0, result.stderr
    assert "DEBUG True" in result.stdout


@pytest.mark.parametrize("value", ["1", "true", "YES", "on", "0", "false", "No", "off"])
def test_boolean_values_are_understood(value):
    assert import_settings({"DEBUG": value}).returncode == 0


def test_check_deploy_passes_with_production_values():
    result = run_python(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout


def test_production_values_switch_on_https_protections():
    code = (
        "import clusterportal.settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS >= 31536000, s.SECURE_PROXY_SSL_HEADER)"
    )
    result = run_python(["-c", code], PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "True", "('HTTP_X_FORWARDED_PROTO',", "'https')"]


def test_no_secret_key_in_the_repository_reaches_production():
    result = run_python(["-c", "import clusterportal.settings as s; print(s.SECRET_KEY)"], PRODUCTION)
    assert result.stdout.strip() == PRODUCTION["SECRET_KEY"]


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
    assert "<loc>http://testserver/</loc>" in response.text
    assert "<loc>http://testserver/news/</loc>" in response.text
    assert f"<loc>http://testserver{article.get_absolute_url()}</loc>" in response.text


def test_rss_feed_responds(client, db):
    article = ArticleFactory()
    response = client.get("/news/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert f"<title>{article.title}</title>" in response.text
    assert f"{settings.SITE_NAME}: news" in response.text
