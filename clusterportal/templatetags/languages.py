"""The page in other languages: the header's switch and ``hreflang`` (clusterportal.languages)."""

from django import template

from clusterportal import languages

register = template.Library()


@register.simple_tag(takes_context=True)
def page_languages(context) -> dict:
    """``switch``: where the header's switch leads, one link per offered language; ``alternates``:
    the page's ``hreflang`` versions (none when the page exists in one language only).

    Views that know better set ``language_links`` and ``alternates`` (an item: its published
    translations, else its section's list; a list: the same filters). Any other page is the
    same address in each language; a page that is none of the site's leads to the home page.
    """
    switch = context.get("language_links")
    if switch is None:
        request = context.get("request")
        path = request.path if request is not None else "/"
        switch = [
            languages.Link(code, languages.translated_path(path, code) or languages.in_language("home", code))
            for code in languages.codes()
        ]
    alternates = context.get("alternates", switch)
    current = languages.current()
    return {
        "switch": [link for link in switch if link.language != current] if len(switch) > 1 else [],
        "alternates": alternates if len(alternates) > 1 else [],
        "current": languages.Link(current, ""),
        "default": next((link for link in alternates if link.language == languages.default_language()), None),
    }
