"""Load the demo content of every app that ships a ``demo`` module, into an empty database."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_module, module_has_submodule


class Command(BaseCommand):
    help = (
        "Fill an empty database with demo content: each installed app may ship a demo module "
        "with has_content() and load(stdout). Apps that already have content are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would be loaded; write nothing.")

    def handle(self, *args, dry_run: bool = False, verbosity: int = 1, **options):
        for config in apps.get_app_configs():
            if not module_has_submodule(config.module, "demo"):
                continue
            demo = import_module(f"{config.name}.demo")
            if demo.has_content():
                if verbosity >= 2:
                    self.stdout.write(f"{config.verbose_name}: has content already; no demo loaded.")
                continue
            if dry_run:
                self.stdout.write(f"{config.verbose_name}: would load demo content.")
                continue
            with transaction.atomic():
                demo.load(stdout=self.stdout if verbosity >= 1 else None)
