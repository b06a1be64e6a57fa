from clusterportal.views import PrintMixin, PublishedDetailView, PublishedListView
from tests.contract_app.models import Notice


class NoticeList(PublishedListView):
    model = Notice


class NoticeDetail(PublishedDetailView):
    model = Notice


class NoticePrint(PrintMixin, NoticeDetail):
    pass
