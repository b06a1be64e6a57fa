"""Create the local superuser `admin` with a random password, once, on the embedded default."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"


class Command(BaseCommand):
    help = (
        "Create a local superuser 'admin' with a random password and print the password once. "
        "Does nothing if the user exists. Refuses to run unless DJANGO_ENV=local."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say what would happen; change nothing.")
        parser.add_argument("--site-url", default="http://127.0.0.1:8000", help="Where the site runs, for the message.")

    def handle(self, *args, dry_run: bool = False, verbosity: int = 1, site_url: str = "", **options):
        if not settings.LOCAL:
            raise CommandError("ensure_local_admin is for the local embedded default only (DJANGO_ENV=local).")
        User = get_user_model()
        if User.objects.filter(username=USERNAME).exists():
            if verbosity >= 2:
                self.stdout.write(f"User '{USERNAME}' exists already; its password is unchanged.")
            return
        if dry_run:
            self.stdout.write(f"Would create superuser '{USERNAME}' with a random password.")
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(USERNAME, email="admin@localhost", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the local superuser for {site_url.rstrip('/')}/admin/\n"
                f"    username: {USERNAME}\n    password: {password}\n"
                "This password is shown only now; `manage.py changepassword admin` sets a new one."
            )
        )
