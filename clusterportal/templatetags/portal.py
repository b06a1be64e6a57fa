"""Small template helpers shared by every section."""

from django import template
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def with_from(url: str, from_query: str) -> str:
    """``{{ item.get_absolute_url|with_from:from_query }}``: carry the list's query along.

    ``from_query`` has been cleaned by the view (SectionMixin.encode_list_query); the link
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


@register.simple_tag
def picture(pic, sizes: str = "100vw", loading: str = "lazy", css_class: str = "", rendition: str = ""):
    """A responsive ``<img>`` of a library picture: WebP renditions in ``srcset``, real size, alt.

    ``{% picture article.cover sizes="(min-width: 60rem) 46rem, 100vw" loading="eager" %}``.
    ``rendition="w480"`` pins a single rendition (e.g. for the print view). Renders nothing
    for a missing picture.
    """
    if pic is None:
        return ""
    options = pic.renditions()
    if rendition:
        chosen = next((r for r in options if pic.rendition_url(rendition) == r.url), options[-1])
        options = [chosen]
    largest = options[-1]
    default = next((r for r in options if r.width >= 960), largest)
    srcset = ", ".join(f"{r.url} {r.width}w" for r in options)
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" loading="{}" decoding="async"{}>',
        default.url,
        srcset,
        sizes,
        largest.width,
        largest.height,
        pic.alt,
        loading,
        format_html(' class="{}"', css_class) if css_class else "",
    )


@register.filter
def machine_time(value) -> str:
    """A ``<time datetime>`` value in the site's time zone: ``2017-11-23T12:00:00+0300``.

    Not ``date:"c"``: it writes microseconds when there are any (a time set by "now"), and
    HTML allows at most three digits of a fraction.
    """
    return dateformat.format(timezone.localtime(value), r"Y-m-d\TH:i:sO") if value else ""
