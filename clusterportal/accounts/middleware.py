"""Two-factor sign-in for staff sessions, after django-otp's OTPMiddleware has set ``is_verified``.

- A staff account with a confirmed device whose session was not signed in with it (a session
  that began before the device was set up, elsewhere) is signed out: once two-factor sign-in is
  on, every session of the account has shown a code.
- With ``REQUIRE_TWO_FACTOR``, a staff account without a device reaches only the set-up page
  (and signing out, and the language switch) until it has confirmed one.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            # No session, nobody signed in; and the session stays untouched (no Vary: Cookie).
            return self.get_response(request)
        user = request.user
        if not (user.is_authenticated and user.is_staff) or user.is_verified():
            return self.get_response(request)
        if TOTPDevice.objects.devices_for_user(user, confirmed=True).exists():
            logout(request)
            messages.info(request, _("This account has two-factor sign-in: sign in again with your code."))
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if settings.REQUIRE_TWO_FACTOR and request.path_info not in self.allowed_paths():
            messages.info(request, _("Staff accounts need two-factor sign-in: set it up to go on."))
            return redirect("two_factor:setup")
        return self.get_response(request)

    @staticmethod
    def allowed_paths() -> set[str]:
        return {reverse("two_factor:setup"), reverse("admin:logout"), reverse("set_language")}
