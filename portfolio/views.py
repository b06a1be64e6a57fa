from django.db.models import Prefetch

from clusterportal.views import PublishedDetailView, PublishedListView, PublishedPrintView
from portfolio.filters import EntryFilter
from portfolio.models import Entry, GalleryItem


class EntrySection:
    model = Entry
    filterset_class = EntryFilter
    list_select_related = ("category", "organization", "cover")
    paginate_by = 12  # a grid of 3 × 4 cards


class WithFiguresAndGallery:
    """An entry page shows its key figures and gallery: two queries, whatever their length."""

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "key_figures", Prefetch("gallery", queryset=GalleryItem.objects.select_related("picture"))
            )
        )


class EntryList(EntrySection, PublishedListView):
    pass


class EntryDetail(WithFiguresAndGallery, EntrySection, PublishedDetailView):
    pass


class EntryPrint(WithFiguresAndGallery, EntrySection, PublishedPrintView):
    pass
