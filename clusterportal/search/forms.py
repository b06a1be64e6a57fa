"""The search form: ``q`` and ``type``."""

from django import forms

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
        label="Search for",
        max_length=MAX_QUERY_LENGTH,
        required=False,
        error_messages={"max_length": f"Use at most {MAX_QUERY_LENGTH} characters; a few words find more."},
        widget=SearchInput(attrs={"spellcheck": "false"}),
    )
    type = forms.ChoiceField(label="Search in", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", "Everywhere")] + [(ct.key, ct.label) for ct in registry.searchable()]
        self.fields["type"].error_messages["invalid_choice"] = "Choose one of the options in the list."

    def clean_q(self) -> str:
        query = self.cleaned_data["q"]
        if query and not query_words(query):
            raise forms.ValidationError(
                f"Type at least {MIN_WORD_LENGTH} letters or digits of a word.", code="too_short"
            )
        return query
