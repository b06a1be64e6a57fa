"""What every RSS feed of the site shares: the methods it answers, and how plain text goes in.

A section's feed subclasses ``SiteFeed`` and says only what it lists (``items``) and, if it has
them, its categories; titles, links and descriptions come from the items' shared questions
(``get_absolute_url()``, ``get_summary()``).
"""

from django.contrib.syndication.views import Feed
from django.utils.html import escape
from django.views.decorators.http import require_safe


class SiteFeed(Feed):
    def __call__(self, request, *args, **kwargs):
        # Django's Feed answers every method; a feed is read, never written to (TRACE, POST: 405).
        return require_safe(super().__call__)(request, *args, **kwargs)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # RSS's <description> is HTML, which readers render. A summary is plain text: it goes in
        # escaped as HTML ("a <b>" shows as typed), and the feed generator then escapes that as XML.
        return escape(item.get_summary())

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
