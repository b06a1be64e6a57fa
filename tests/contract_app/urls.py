from django.urls import path

from tests.contract_app import views

app_name = "notices"

urlpatterns = [
    path("", views.NoticeList.as_view(), name="list"),
    path("<slug:slug>/", views.NoticeDetail.as_view(), name="detail"),
    path("<slug:slug>/print/", views.NoticePrint.as_view(), name="print"),
]
