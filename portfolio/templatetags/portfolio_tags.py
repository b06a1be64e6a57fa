from django import template

from portfolio.models import Entry

register = template.Library()


@register.inclusion_tag("portfolio/tags/featured_entries.html")
def featured_entries(count: int = 3):
    """The newest published featured projects, for the home page."""
    entries = Entry.objects.published().filter(featured=True).select_related("cover", "category", "organization")
    return {"entries": entries[:count]}
