"""django-otp's TOTP devices under a name editors understand, in the admin's index."""

from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig


class TwoFactorDevicesConfig(DefaultConfig):
    verbose_name = _("Two-factor sign-in")
