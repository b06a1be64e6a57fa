import django_filters

from clusterportal.filters import FilterForm, YearFilter
from media_center.models import Gallery, PressMention, Publication, PublicationType, Video


class GalleryFilter(django_filters.FilterSet):
    year = YearFilter(field_name="published_at", queryset=lambda: Gallery.objects.published())

    class Meta:
        model = Gallery
        fields = ["year"]
        form = FilterForm


class VideoFilter(django_filters.FilterSet):
    year = YearFilter(field_name="published_at", queryset=lambda: Video.objects.published())

    class Meta:
        model = Video
        fields = ["year"]
        form = FilterForm


class PublicationFilter(django_filters.FilterSet):
    type = django_filters.ChoiceFilter(
        field_name="publication_type",
        choices=PublicationType.choices,
        label="Type",
        empty_label="All types",
        # Django's default message repeats the value: NUL bytes and 10 kB strings into the page.
        error_messages={"invalid_choice": "Choose one of the types in the list."},
    )
    year = YearFilter(field_name="published_at", queryset=lambda: Publication.objects.published())

    class Meta:
        model = Publication
        fields = ["type", "year"]
        form = FilterForm


class PressFilter(django_filters.FilterSet):
    year = YearFilter(field_name="published_at", queryset=lambda: PressMention.objects.published())

    class Meta:
        model = PressMention
        fields = ["year"]
        form = FilterForm
