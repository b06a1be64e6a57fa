from django.db.models import Prefetch

from clusterportal.views import PrintMixin, PublishedDetailView, PublishedListView
from portfolio.models import Entry, GalleryItem


class EntryList(PublishedListView):
    model = Entry


class EntryDetail(PublishedDetailView):
    """An entry page shows its key figures and gallery: two queries, whatever their length."""

    model = Entry

    def get_queryset(self):
        gallery = Prefetch("gallery", queryset=GalleryItem.objects.select_related("picture"))
        return super().get_queryset().prefetch_related("key_figures", gallery)


class EntryPrint(PrintMixin, EntryDetail):
    pass
