"""Small template helpers shared by every section."""

from django import template
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def with_from(url: str, from_query: str) -> str:
    """``{{ item.get_absolute_url|with_from:from_query }}``: carry the list's query along.

    ``from_query`` has been cleaned by the view (SectionMixin.clean_list_query); the link
    stays the clean URL when there is nothing to carry.
    """
    if not from_query:
        return url
    return f"{url}?{urlencode({'from': from_query})}"


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """The full URL of a path on this site, as the visitor reached it."""
    return context["request"].build_absolute_uri(path)


@register.filter
def nav_current(section: str, name: str) -> str:
    """``aria-current`` for the header link of the section being shown."""
    return mark_safe(' aria-current="page"') if section == name else ""
