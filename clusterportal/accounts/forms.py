"""The admin's login form with the two-factor code, and the code form of the set-up page."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.core.validators import RegexValidator
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.models import VerifyNotAllowed
from django_otp.plugins.otp_totp.models import TOTPDevice


def code_field(*, required: bool, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=_("Authentication code"),
        required=required,
        help_text=help_text,
        max_length=6,
        validators=[RegexValidator(r"^[0-9]{6}$", _("Enter the six digits your authenticator app shows."))],
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]{6}", "size": 6}
        ),
    )


def check_code(device: TOTPDevice, code: str) -> None:
    """Accept ``code`` for ``device`` (which records it, so it cannot be used twice), or raise.

    django-otp throttles a device after a wrong code (1 s, 2 s, 4 s …); while it does, no code is
    tried at all, and the message says to wait.
    """
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, details = device.verify_is_allowed()
        if not allowed:
            if details and details.get("reason") == VerifyNotAllowed.N_FAILED_ATTEMPTS:
                count = details["failure_count"]
                message = ngettext(
                    "%(count)d wrong code in a row: wait a few seconds, then enter the current code.",
                    "%(count)d wrong codes in a row: wait a few seconds, then enter the current code.",
                    count,
                ) % {"count": count}
            else:
                message = _("Codes cannot be checked just now; try again in a minute.")
            raise forms.ValidationError(message, code="throttled")
        if not device.verify_token(code):
            raise forms.ValidationError(
                _("That code is not right. Enter the code your authenticator app shows now."),
                code="invalid_code",
            )


class AdminLoginForm(AdminAuthenticationForm):
    """Username and password, then, for staff who turned on two-factor sign-in, the code.

    One form, so the admin keeps its single login page: the code field is always there and
    optional; it is required once the password is right and the account has a confirmed
    device. A wrong code counts as a failed sign-in for the lockout (django-axes), like a wrong
    password, so codes cannot be guessed faster than passwords.
    """

    otp_token = code_field(
        required=False, help_text=_("Only if you turned on two-factor sign-in: the six digits your app shows.")
    )

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "code_required": _("Enter the code from your authenticator app: this account has two-factor sign-in."),
    }

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        device = TOTPDevice.objects.devices_for_user(user, confirmed=True).first() if user else None
        if device is None:
            return cleaned_data
        if "otp_token" in self.errors:
            return cleaned_data  # not six digits: the field says so, and no code was tried
        code = cleaned_data.get("otp_token")
        if not code:
            raise forms.ValidationError(self.error_messages["code_required"], code="code_required")
        try:
            check_code(device, code)
        except forms.ValidationError:
            user_login_failed.send(
                sender=__name__, credentials={"username": cleaned_data.get("username")}, request=self.request
            )
            raise
        # django-otp keeps the device in the session when Django logs the user in
        # (django_otp._handle_auth_login): request.user.is_verified() is then true.
        user.otp_device = device
        return cleaned_data


class CodeForm(forms.Form):
    """The six digits that confirm a new device, or prove the person turning it off holds it."""

    otp_token = code_field(required=True)

    def __init__(self, *args, device: TOTPDevice, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_otp_token(self):
        code = self.cleaned_data["otp_token"]
        check_code(self.device, code)
        return code
