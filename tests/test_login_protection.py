"""Staff sign-in is protected: repeated failures lock an account at an address out (django-axes),
the address is read correctly behind the proxy, and staff can turn on two-factor sign-in (TOTP)."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import RequestFactory
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from clusterportal.accounts.client_ip import client_ip
from tests.test_russian_pages import CATALOGUE, english_on, english_strings

LOGIN = "/admin/login/"
SETUP = "/admin/two-factor/"
TURN_OFF = "/admin/two-factor/off/"
HOME = "203.0.113.10"
ELSEWHERE = "198.51.100.20"
PROXY = "127.0.0.1"
LOCKED = "Too many failed sign-in attempts for this account from your address."


@pytest.fixture
def carol(db):
    """A second staff editor, to show that a lockout is one account's only."""
    return get_user_model().objects.create_user("carol", "carol@example.com", "carol-password", is_staff=True)


def sign_in(client, username, password, *, code="", address=HOME, forwarded=None):
    headers = {"REMOTE_ADDR": address}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    data = {"username": username, "password": password, "otp_token": code, "next": "/admin/"}
    return client.post(LOGIN, data, **headers)


def fail(client, times=5, username="alice", **where):
    return [sign_in(client, username, "wrong-password", **where).status_code for _ in range(times)]


def signed_in(response) -> bool:
    return response.status_code == 302 and response.url == "/admin/"


def assert_no_inline_script_or_style(text: str) -> None:
    """The site's CSP forbids them: they would silently not work."""
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text, re.I)
    assert not re.search(r"\son[a-z]+\s*=", text, re.I)
    assert not re.search(r"<style\b|\sstyle\s*=", text, re.I)


# --- lockout ------------------------------------------------------------------------------------


def test_five_wrong_passwords_lock_the_account_out_even_with_the_right_one(client, alice):
    assert fail(client) == [200, 200, 200, 200, 429]
    response = sign_in(client, "alice", "alice-password")
    assert response.status_code == 429
    assert LOCKED in response.text
    assert "Try again in 15 minutes, or ask an administrator to unlock the account." in response.text
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_is_the_admins_own(client, alice):
    fail(client)
    response = sign_in(client, "alice", "alice-password")
    assert "Pharma Cluster — administration" in response.text  # the admin's header
    assert "admin/css/login.css" in response.text
    assert 'href="/admin/login/"' in response.text
    assert "Content-Security-Policy" in response.headers
    assert_no_inline_script_or_style(response.text)


def test_the_lockout_page_says_the_configured_wait(client, alice, settings):
    settings.LOGIN_LOCKOUT_MINUTES = 1
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=1)
    settings.AXES_FAILURE_LIMIT = 2
    assert fail(client, times=2) == [200, 429]
    assert "Try again in 1 minute," in sign_in(client, "alice", "alice-password").text


def test_another_account_from_the_same_address_still_signs_in(client, alice, carol):
    fail(client)
    assert signed_in(sign_in(client, "carol", "carol-password"))


def test_the_same_account_from_another_address_still_signs_in(client, alice):
    fail(client)
    assert signed_in(sign_in(client, "alice", "alice-password", address=ELSEWHERE))


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_clients(client, alice, settings):
    settings.TRUSTED_PROXIES = 1
    fail(client, address=PROXY, forwarded=HOME)
    assert sign_in(client, "alice", "alice-password", address=PROXY, forwarded=HOME).status_code == 429
    # Another client behind the same proxy is not locked out.
    assert signed_in(sign_in(client, "alice", "alice-password", address=PROXY, forwarded=ELSEWHERE))


def test_behind_a_trusted_proxy_a_forged_forwarded_address_cannot_dodge_the_lockout(client, alice, settings):
    """The proxy appends the address it saw; what the client wrote before it is never read."""
    settings.TRUSTED_PROXIES = 1
    fail(client, address=PROXY, forwarded=HOME)
    response = sign_in(client, "alice", "alice-password", address=PROXY, forwarded=f"{ELSEWHERE}, {HOME}")
    assert response.status_code == 429


def test_without_trusted_proxies_x_forwarded_for_is_ignored(client, alice, settings):
    settings.TRUSTED_PROXIES = 0
    statuses = [sign_in(client, "alice", "wrong-password", forwarded=f"192.0.2.{n}").status_code for n in range(1, 6)]
    assert statuses == [200, 200, 200, 200, 429]
    assert sign_in(client, "alice", "alice-password", forwarded=ELSEWHERE).status_code == 429


@pytest.mark.parametrize("command", [["axes_reset"], ["axes_reset_username", "alice"]])
def test_axes_reset_unlocks(client, alice, command):
    fail(client)
    call_command(*command, verbosity=0)
    assert signed_in(sign_in(client, "alice", "alice-password"))


def test_the_lockout_ends_after_the_cool_off(client, alice):
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False) as clock:
        fail(client)
        clock.shift(datetime.timedelta(minutes=14))
        assert sign_in(client, "alice", "alice-password").status_code == 429
        clock.shift(datetime.timedelta(minutes=16))
        assert signed_in(sign_in(client, "alice", "alice-password"))


def test_a_successful_sign_in_forgets_earlier_typos(client, alice):
    fail(client, times=4)
    assert signed_in(sign_in(client, "alice", "alice-password"))
    client.logout()
    assert fail(client, times=4) == [200, 200, 200, 200]


def test_no_row_is_kept_per_successful_sign_in(client, alice):
    from axes.models import AccessFailureLog, AccessLog

    fail(client, times=1)
    assert signed_in(sign_in(client, "alice", "alice-password"))
    assert not AccessLog.objects.exists()
    assert not AccessFailureLog.objects.exists()


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "203.0.113.10", None, "203.0.113.10"),
        (0, "203.0.113.10", "198.51.100.20", "203.0.113.10"),
        (1, "127.0.0.1", "203.0.113.10", "203.0.113.10"),
        (1, "127.0.0.1", "6.6.6.6, 203.0.113.10", "203.0.113.10"),
        (2, "10.0.0.2", "6.6.6.6, 203.0.113.10, 10.0.0.1", "203.0.113.10"),
        (1, "127.0.0.1", None, "127.0.0.1"),  # not through the proxy: the nearest address there is
        (1, "127.0.0.1", "2001:db8::7", "2001:db8::7"),
        (0, "", None, None),
    ],
)
def test_client_address(settings, proxies, remote, forwarded, expected):
    settings.TRUSTED_PROXIES = proxies
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_ip(RequestFactory().get("/", **headers)) == expected


# --- two-factor sign-in -------------------------------------------------------------------------


def code(device: TOTPDevice, *, wrong: bool = False) -> str:
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{(value + 1) % 10**6 if wrong else value:06d}"


@pytest.fixture
def alices_device(alice):
    return TOTPDevice.objects.create(user=alice, name="Phone", confirmed=True)


def test_the_set_up_page_shows_a_qr_code_and_the_key(editor_client, alice):
    response = editor_client.get(SETUP)
    assert response.status_code == 200
    device = TOTPDevice.objects.get(user=alice, confirmed=False)
    assert re.search(r'<img src="data:image/svg\+xml[^"]+" width="\d+" height="\d+" alt="[^"]+">', response.text)
    secret = re.search(r"<code>([A-Z2-7 ]+)</code>", response.text).group(1)
    assert secret.replace(" ", "") in device.config_url
    assert_no_inline_script_or_style(response.text)
    # A reload keeps the key already scanned.
    editor_client.get(SETUP)
    assert TOTPDevice.objects.filter(user=alice).count() == 1


def test_the_admin_links_to_the_set_up_page(editor_client):
    assert f'href="{SETUP}"' in editor_client.get("/admin/").text


def test_set_up_with_a_wrong_code_is_refused(editor_client, alice):
    editor_client.get(SETUP)
    device = TOTPDevice.objects.get(user=alice)
    response = editor_client.post(SETUP, {"otp_token": code(device, wrong=True)})
    assert response.status_code == 200
    assert "That code is not right." in response.text
    device.refresh_from_db()
    assert not device.confirmed


def test_set_up_with_the_right_code_confirms_the_device(editor_client, alice):
    editor_client.get(SETUP)
    device = TOTPDevice.objects.get(user=alice)
    response = editor_client.post(SETUP, {"otp_token": code(device)}, follow=True)
    assert response.redirect_chain == [("/admin/", 302)]
    assert "Two-factor sign-in is on." in response.text
    device.refresh_from_db()
    assert device.confirmed
    # This session showed the code: it stays signed in.
    assert editor_client.get("/admin/").status_code == 200
    assert "Turn two-factor sign-in off" in editor_client.get(SETUP).text


def test_set_up_is_for_staff_only(client, bob):
    client.force_login(bob)
    response = client.get(SETUP)
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_sign_in_with_a_device_asks_for_the_code(client, alices_device):
    response = sign_in(client, "alice", "alice-password")
    assert response.status_code == 200
    assert "Enter the code from your authenticator app" in response.text
    assert "_auth_user_id" not in client.session


def test_sign_in_with_a_wrong_code_is_refused(client, alices_device):
    response = sign_in(client, "alice", "alice-password", code=code(alices_device, wrong=True))
    assert response.status_code == 200
    assert "That code is not right." in response.text
    assert "_auth_user_id" not in client.session


def test_sign_in_with_the_right_code_signs_in_verified(client, alices_device):
    assert signed_in(sign_in(client, "alice", "alice-password", code=code(alices_device)))
    assert client.get("/admin/").status_code == 200


def test_a_code_works_once(client, alices_device):
    once = code(alices_device)
    assert signed_in(sign_in(client, "alice", "alice-password", code=once))
    client.logout()
    assert sign_in(client, "alice", "alice-password", code=once).status_code == 200


def test_wrong_codes_count_towards_the_lockout(client, alices_device):
    statuses = [
        sign_in(client, "alice", "alice-password", code=code(alices_device, wrong=True)).status_code for _ in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]


def test_the_login_page_has_the_code_field(client, db):
    response = client.get(LOGIN)
    assert 'name="otp_token"' in response.text
    assert 'autocomplete="one-time-code"' in response.text
    assert_no_inline_script_or_style(response.text)


def test_without_a_device_sign_in_is_as_before(client, alice):
    assert signed_in(sign_in(client, "alice", "alice-password"))
    assert client.get("/admin/").status_code == 200


def test_a_session_that_skipped_the_code_ends_once_the_account_has_a_device(editor_client, alices_device):
    response = editor_client.get("/admin/news/article/")
    assert response.status_code == 302
    assert response.url == f"{LOGIN}?next=/admin/news/article/"
    assert "_auth_user_id" not in editor_client.session


def test_turning_off_needs_a_current_code(editor_client, alice):
    editor_client.get(SETUP)
    device = TOTPDevice.objects.get(user=alice)
    editor_client.post(SETUP, {"otp_token": code(device)})
    device.refresh_from_db()
    with time_machine.travel(datetime.timedelta(seconds=device.step)):
        response = editor_client.post(TURN_OFF, {"otp_token": code(device, wrong=True)})
        assert response.status_code == 200
        assert "That code is not right." in response.text
        assert TOTPDevice.objects.filter(user=alice).exists()
    with time_machine.travel(datetime.timedelta(seconds=3 * device.step)):
        response = editor_client.post(TURN_OFF, {"otp_token": code(device)})
        assert response.status_code == 302
        assert not TOTPDevice.objects.filter(user=alice).exists()


def test_required_two_factor_keeps_staff_on_the_set_up_page(editor_client, alice, settings):
    settings.REQUIRE_TWO_FACTOR = True
    for url in ("/admin/", "/admin/news/article/", "/news/"):
        response = editor_client.get(url)
        assert (response.status_code, response.url) == (302, SETUP), url
    response = editor_client.get(SETUP)
    assert response.status_code == 200
    assert "Staff accounts on this site sign in with a code" in response.text
    device = TOTPDevice.objects.get(user=alice)
    editor_client.post(SETUP, {"otp_token": code(device)})
    assert editor_client.get("/admin/").status_code == 200


def test_required_two_factor_leaves_visitors_alone(client, bob, settings):
    settings.REQUIRE_TWO_FACTOR = True
    assert client.get("/news/").status_code == 200
    client.force_login(bob)
    assert client.get("/news/").status_code == 200


# --- in Russian ---------------------------------------------------------------------------------


@pytest.mark.skipif(not CATALOGUE.exists(), reason="the Russian catalogue is not there yet")
def test_sign_in_pages_in_russian_show_no_english_interface_text(client, alice, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    strings = english_strings()
    pages = {"login": client.get(LOGIN)}
    fail(client)
    pages["locked out"] = sign_in(client, "alice", "alice-password")
    client.force_login(alice)
    pages["set-up"] = client.get(SETUP)
    pages["wrong code"] = client.post(SETUP, {"otp_token": "000000"})
    device = TOTPDevice.objects.get(user=alice)
    device.confirmed = True
    device.save()
    client.logout()  # which forgets the cookies
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    pages["code required"] = sign_in(client, "alice", "alice-password", address=ELSEWHERE)
    found = {}
    for name, response in pages.items():
        assert '<html lang="ru"' in response.text, name
        english = english_on(response.text, strings)
        if english:
            found[name] = english
    assert found == {}
