"""Rewrite the site search's stored vectors (PostgreSQL): after changing what a search source
reads, or after loading content without saving it (raw fixtures, bulk inserts)."""

from django.core.management.base import BaseCommand
from django.db import connection

from clusterportal import pagecache
from clusterportal.search.postgresql import index_all


class Command(BaseCommand):
    help = "Rewrite the search vectors of every searchable item (PostgreSQL; nothing to do on SQLite)."

    def add_arguments(self, parser):
        parser.add_argument("--missing", action="store_true", help="Only items that have no vector yet.")

    def handle(self, *args, missing: bool = False, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("SQLite searches the text itself; there is no index to update.")
            return
        count = index_all(missing_only=missing)
        if count:
            # The vectors are written in SQL, past the models' signals: cached search pages end here.
            pagecache.bump()
        self.stdout.write(f"Search index: wrote the vectors of {count} item{'s' if count != 1 else ''}.")
