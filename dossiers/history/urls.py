"""URLs of the award history (mounted at /tra-cuu-khen-thuong/)."""

from django.urls import path

from . import views

app_name = "history"

urlpatterns = [
    path("", views.search, name="search"),
    path("ghi-khen/", views.lower_create, name="lower_create"),
    path("nhap-excel/", views.lower_import, name="lower_import"),
    path("nhap-excel/mau.xlsx", views.lower_template, name="lower_template"),
]
