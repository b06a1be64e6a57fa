"""The two-factor set-up page in the admin, and the page a locked-out sign-in gets."""

from base64 import b32encode

import django_otp
import segno
from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from clusterportal.accounts.forms import CodeForm

TEMPLATE = "admin/clusterportal/two_factor.html"


def _admin_page(request: HttpRequest, template: str, context: dict, *, status: int = 200) -> HttpResponse:
    return render(request, template, {**admin.site.each_context(request), **context}, status=status)


def _secret(device: TOTPDevice) -> str:
    """The key as an authenticator app takes it typed in: base32, in groups of four."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def _qr_code(device: TOTPDevice) -> dict:
    """The device's otpauth:// address as a QR code: an SVG data: address (the CSP's img-src allows
    data:), dark on white in the admin's dark theme too, and its size in pixels."""
    code = segno.make(device.config_url, error="m")
    return {"src": code.svg_data_uri(scale=4, border=4, light="#fff"), "size": code.symbol_size(scale=4, border=4)[0]}


def _confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def two_factor(request: HttpRequest) -> HttpResponse:
    """Turn on two-factor sign-in: scan the code (or type the key), then confirm with six digits.

    The unconfirmed device is kept between visits, so reloading the page does not undo a scan;
    it signs nobody in until it is confirmed. Once it is, this page says so and offers to turn it off.
    """
    title = _("Two-factor sign-in")
    device = _confirmed_device(request.user)
    if device is not None:
        form = CodeForm(device=device, auto_id="id_off_%s")
        return _admin_page(request, TEMPLATE, {"title": title, "device": device, "form": form})

    device = TOTPDevice.objects.devices_for_user(request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name=_("Authenticator app"), confirmed=False)
    form = CodeForm(request.POST if request.method == "POST" else None, device=device)
    if request.method == "POST" and form.is_valid():
        device.refresh_from_db()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        # This session has just shown the device: it counts as signed in with it.
        django_otp.login(request, device)
        messages.success(request, _("Two-factor sign-in is on. From now on, signing in asks for a code from your app."))
        return redirect("admin:index")
    context = {
        "title": title,
        "form": form,
        "qr_code": _qr_code(device),
        "secret": _secret(device),
        "required": settings.REQUIRE_TWO_FACTOR,
    }
    return _admin_page(request, TEMPLATE, context)


@require_POST
def turn_off(request: HttpRequest) -> HttpResponse:
    """Turn two-factor sign-in off: only with a current code, so a borrowed session cannot."""
    device = _confirmed_device(request.user)
    if device is None:
        return redirect("two_factor:setup")
    form = CodeForm(request.POST, device=device, auto_id="id_off_%s")
    if not form.is_valid():
        context = {"title": _("Two-factor sign-in"), "device": device, "form": form}
        return _admin_page(request, TEMPLATE, context)
    TOTPDevice.objects.filter(user=request.user).delete()
    messages.success(request, _("Two-factor sign-in is off. Signing in asks for your password only."))
    return redirect("two_factor:setup")


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """What a sign-in gets once it is locked out (``AXES_LOCKOUT_CALLABLE``): the admin's page, 429."""
    minutes = settings.LOGIN_LOCKOUT_MINUTES
    message = ngettext(
        "Too many failed sign-in attempts for this account from your address. "
        "Try again in %(minutes)d minute, or ask an administrator to unlock the account.",
        "Too many failed sign-in attempts for this account from your address. "
        "Try again in %(minutes)d minutes, or ask an administrator to unlock the account.",
        minutes,
    ) % {"minutes": minutes}
    context = {"title": _("Sign-in locked"), "message": message}
    return _admin_page(request, "admin/clusterportal/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
