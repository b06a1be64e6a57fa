"""The search form: ``q`` and ``type``."""

from django import forms
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from clusterportal import registry
from clusterportal.filters import FilterForm
from clusterportal.search.words import MAX_QUERY_LENGTH, MIN_WORD_LENGTH, query_words


class SearchInput(forms.TextInput):
    """A search box that never writes a NUL byte back into the page (Django refuses the value
    with a message at the field; the visitor's other characters are shown as typed)."""

    input_type = "search"

    def format_value(self, value):
        value = super().format_value(value)
        return value.replace("\x00", "") if value else value


class SearchForm(FilterForm):
    """``q`` and ``type``; errors tied to their fields and never echoing the visitor's value."""

    q = forms.CharField(
        label=_("Search for"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        widget=SearchInput(attrs={"spellcheck": "false"}),
    )
    type = forms.ChoiceField(label=_("Search in"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].error_messages["max_length"] = ngettext(
            "Use at most %(limit)d character; a few words find more.",
            "Use at most %(limit)d characters; a few words find more.",
            MAX_QUERY_LENGTH,
        ) % {"limit": MAX_QUERY_LENGTH}
        self.fields["type"].choices = [("", gettext("Everywhere"))] + [
            (ct.key, ct.label) for ct in registry.searchable()
        ]
        self.fields["type"].error_messages["invalid_choice"] = gettext("Choose one of the options in the list.")

    def clean_q(self) -> str:
        query = self.cleaned_data["q"]
        if query and not query_words(query):
            message = ngettext(
                "Type at least %(count)d letter or digit of a word.",
                "Type at least %(count)d letters or digits of a word.",
                MIN_WORD_LENGTH,
            ) % {"count": MIN_WORD_LENGTH}
            raise forms.ValidationError(message, code="too_short")
        return query
