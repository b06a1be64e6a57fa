"""The media center's pages: the generic list / detail / print views of clusterportal, a photo
page per gallery photo, the publications' download, and the landing page with the stream."""

from django import forms
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from clusterportal.filters import FilterForm
from clusterportal.registry import Stream, stream_sources
from clusterportal.views import PublishedDetailView, PublishedListView, PublishedPrintView, paginate, parse_page
from media_center.filters import GalleryFilter, PressFilter, PublicationFilter, VideoFilter
from media_center.models import Gallery, GalleryPhoto, PressMention, Publication, Video, attach_card_pictures

STREAM_PAGE_SIZE = 20
LATEST_COUNT = 3


class MediaCenterSection:
    """Every media-center page belongs to the header's "Media center" section; each content type
    keeps its own URL namespace ("galleries:list") and its templates live in media_center/."""

    section = "media-center"
    template_kind = "detail"

    def get_list_url(self) -> str:
        return reverse(f"{self.model.url_namespace}:list")

    def get_template_names(self):
        return [f"media_center/{self.model._meta.model_name}_{self.template_kind}.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["media_nav"] = self.model.url_namespace
        return context


class ListKind:
    template_kind = "list"


class PrintKind:
    template_kind = "print"


# --- galleries ---------------------------------------------------------------------------------


class GallerySection(MediaCenterSection):
    model = Gallery
    filterset_class = GalleryFilter
    paginate_by = 12  # a grid of 3 × 4 cards


class WithPhotos:
    """A gallery page shows all its photos: one query for them and their pictures, whatever their number."""

    def get_queryset(self):
        photos = GalleryPhoto.objects.select_related("picture")
        return super().get_queryset().prefetch_related(Prefetch("photos", queryset=photos))


class GalleryList(ListKind, GallerySection, PublishedListView):
    def get_list_queryset(self):
        return super().get_list_queryset().with_card_data()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_list"] = context["gallery_list"] = attach_card_pictures(context["object_list"])
        return context


class GalleryDetail(WithPhotos, GallerySection, PublishedDetailView):
    pass


class GalleryPrint(WithPhotos, PrintKind, GallerySection, PublishedPrintView):
    pass


class GalleryPhotoPage(WithPhotos, GallerySection, PublishedDetailView):
    """One photo, large, with previous / next / back links: the full-size viewer, without JavaScript."""

    template_kind = "photo"
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


class VideoSection(MediaCenterSection):
    model = Video
    filterset_class = VideoFilter
    list_select_related = ("cover",)
    paginate_by = 12


class VideoList(ListKind, VideoSection, PublishedListView):
    pass


class VideoDetail(VideoSection, PublishedDetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["ref"] = self.object.ref
        return context


class VideoPrint(PrintKind, VideoDetail, PublishedPrintView):
    with_neighbours = False


# --- publications ----------------------------------------------------------------------------


class PublicationSection(MediaCenterSection):
    model = Publication
    filterset_class = PublicationFilter
    paginate_by = 20


class PublicationList(ListKind, PublicationSection, PublishedListView):
    pass


class PublicationDetail(PublicationSection, PublishedDetailView):
    pass


class PublicationPrint(PrintKind, PublicationSection, PublishedPrintView):
    pass


@require_safe
def download(request: HttpRequest, slug: str) -> FileResponse:
    """The document itself, as an attachment with its real type; published items only."""
    publication = get_object_or_404(Publication.objects.published(), slug=slug)
    try:
        handle = publication.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("The file is missing") from None
    response = FileResponse(
        handle, as_attachment=True, filename=publication.download_name, content_type=publication.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- press ------------------------------------------------------------------------------------


class PressSection(MediaCenterSection):
    model = PressMention
    filterset_class = PressFilter
    paginate_by = 20


class PressList(ListKind, PressSection, PublishedListView):
    pass


# --- the landing page and its stream ------------------------------------------------------------


class StreamTypeForm(FilterForm):
    type = forms.ChoiceField(label="Type", required=False)

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["type"]
        field.choices = [("", "Everything"), *((source.key, source.label) for source in sources)]
        field.error_messages["invalid_choice"] = "Choose one of the types in the list."


class StreamFilter:
    """The shape ``includes/filter_form.html`` expects (``filter.form``), for a plain form."""

    def __init__(self, form):
        self.form = form


@require_safe
def landing(request: HttpRequest):
    """/media-center/: the latest of each kind, then one stream of everything, newest first."""
    sources = stream_sources()
    form = StreamTypeForm(request.GET or None, sources=sources)
    page_number = parse_page(request.GET.get("page", ""))
    if page_number is None:
        raise Http404("No such page")
    chosen = form.cleaned_data.get("type") if form.is_valid() else ""
    is_filtered = bool(request.GET.get("type"))
    context = {
        "page_obj": None,
        "section": "media-center",
        "media_nav": "landing",
        "filter": StreamFilter(form),
        "list_url": reverse("media_center:index"),
        "is_filtered": is_filtered,
        "sources": sources,
    }
    if not (form.is_bound and form.errors):
        selected = [source for source in sources if source.key == chosen] if chosen else sources
        context.update(paginate(Stream(selected), page_number, STREAM_PAGE_SIZE))
    if page_number == 1 and not is_filtered:
        context.update(
            latest_galleries=attach_card_pictures(Gallery.objects.published().with_card_data()[:LATEST_COUNT]),
            latest_videos=Video.objects.published().select_related("cover")[:LATEST_COUNT],
            latest_publications=Publication.objects.published()[:LATEST_COUNT],
            latest_press=PressMention.objects.published()[:LATEST_COUNT],
            show_latest=True,
        )
    return render(request, "media_center/landing.html", context)
