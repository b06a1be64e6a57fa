"""The media center's pages: the generic list / detail / print views of clusterportal, a photo
page per gallery photo, the publications' download, and the landing page with the stream."""

from django import forms
from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext, pgettext_lazy
from django.views.decorators.http import require_safe

from clusterportal import registry, uploads
from clusterportal.filters import FilterForm
from clusterportal.stream import Stream
from clusterportal.views import PrintMixin, PublishedDetailView, PublishedListView, paginate, parse_page
from media_center.models import Gallery, GalleryPhoto, PressMention, Publication, Video, attach_card_pictures

STREAM_PAGE_SIZE = 20
LATEST_COUNT = 3


# --- galleries ---------------------------------------------------------------------------------


class GalleryList(PublishedListView):
    model = Gallery

    def get_list_queryset(self):
        return super().get_list_queryset().with_card_data()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_list"] = context["gallery_list"] = attach_card_pictures(context["object_list"])
        return context


class GalleryDetail(PublishedDetailView):
    """A gallery page shows all its photos: one query for them and their pictures, whatever their number."""

    model = Gallery

    def get_queryset(self):
        photos = GalleryPhoto.objects.select_related("picture")
        return super().get_queryset().prefetch_related(Prefetch("photos", queryset=photos))


class GalleryPrint(PrintMixin, GalleryDetail):
    pass


class GalleryPhotoPage(GalleryDetail):
    """One photo, large, with previous / next / back links: the full-size viewer, without JavaScript."""

    template_name_suffix = "_photo"
    with_neighbours = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        photos = list(self.object.photos.all())
        number = self.kwargs["number"]
        if not 1 <= number <= len(photos):
            raise Http404("No such photo")
        context.update(
            photo=photos[number - 1],
            number=number,
            photo_count=len(photos),
            previous_number=number - 1 if number > 1 else None,
            next_number=number + 1 if number < len(photos) else None,
            canonical_url=self.request.build_absolute_uri(self.object.get_photo_url(number)),
        )
        return context


# --- videos --------------------------------------------------------------------------------------


class VideoList(PublishedListView):
    model = Video


class VideoDetail(PublishedDetailView):
    model = Video

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["ref"] = self.object.ref
        return context


class VideoPrint(PrintMixin, VideoDetail):
    pass


# --- publications ----------------------------------------------------------------------------


class PublicationList(PublishedListView):
    model = Publication


class PublicationDetail(PublishedDetailView):
    model = Publication


class PublicationPrint(PrintMixin, PublicationDetail):
    pass


@require_safe
def download(request: HttpRequest, slug: str) -> HttpResponseBase:
    """The document itself, as an attachment with its real type: published items for everybody,
    drafts and scheduled ones for staff allowed to see publications (404 for anyone else).

    The file lives in the private storage, which no address reaches: this check is the only way
    to it (docs/decisions/0005-private-files.md).
    """
    publication = get_object_or_404(Publication.objects.visible_to(request.user), slug=slug)
    if not publication.file:
        raise Http404("The publication has no file")
    response = uploads.private_file_response(
        request, publication.file, content_type=publication.content_type, filename=publication.download_name
    )
    if not publication.is_published:
        # A preview of a draft: never kept by a browser or a shared cache, never indexed.
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex"
    return response


# --- press ------------------------------------------------------------------------------------


class PressList(PublishedListView):
    model = PressMention


# --- the landing page and its stream ------------------------------------------------------------


class StreamTypeForm(FilterForm):
    type = forms.ChoiceField(label=pgettext_lazy("kind of item", "Type"), required=False)

    def __init__(self, *args, types, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["type"]
        field.choices = [("", gettext("Everything")), *((ct.key, ct.label) for ct in types)]
        field.error_messages["invalid_choice"] = gettext("Choose one of the types in the list.")


@require_safe
def landing(request: HttpRequest):
    """/media-center/: the latest of each kind, then one stream of everything, newest first."""
    types = registry.in_stream()
    form = StreamTypeForm(request.GET or None, types=types)
    page_number = parse_page(request.GET.get("page", ""))
    if page_number is None:
        raise Http404("No such page")
    chosen = form.cleaned_data.get("type") if form.is_valid() else ""
    is_filtered = bool(request.GET.get("type"))
    context = {
        "page_obj": None,
        "section": "media-center",
        "media_nav": "landing",
        "form": form,
        "list_url": reverse("media_center:index"),
        "is_filtered": is_filtered,
        "types": types,
    }
    if not (form.is_bound and form.errors):
        selected = [ct for ct in types if ct.key == chosen] if chosen else types
        context.update(paginate(Stream(selected), page_number, STREAM_PAGE_SIZE))
    if page_number == 1 and not is_filtered:
        context["latest"] = [(ct, ct.latest_items(LATEST_COUNT)) for ct in types if ct.latest_template]
    return render(request, "media_center/landing.html", context)
