from django.urls import path

from portfolio import views

app_name = "portfolio"

urlpatterns = [
    path("", views.EntryList.as_view(), name="list"),
    path("<slug:slug>/", views.EntryDetail.as_view(), name="detail"),
    path("<slug:slug>/print/", views.EntryPrint.as_view(), name="print"),
]
