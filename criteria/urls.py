"""URLs of the criteria app: matrix, entry forms, Excel in and out, criteria sets."""

from django.urls import path

from . import views

app_name = "criteria"

urlpatterns = [
    path("", views.matrix, name="matrix"),
    path("ma-tran.xlsx", views.matrix_export, name="matrix_export"),
    path("xa/<str:code>/danh-gia/", views.assessment_add, name="assessment_add"),
    path("xa/<str:code>/cong-nhan/", views.recognition_add, name="recognition_add"),
    path("xa/<str:code>/cong-nhan-thon/", views.village_recognition_add, name="village_add"),
    path("danh-gia/<int:pk>/dinh-chinh/", views.assessment_correct, name="assessment_correct"),
    path("danh-gia/<int:pk>/minh-chung/", views.evidence, name="evidence"),
    path("huyen/hoan-thanh/", views.district_recognition_add, name="district_recognition_add"),
    path("no-dong/", views.debt, name="debt"),
    path("nhap/", views.import_view, name="import"),
    path("nhap/mau.xlsx", views.import_template, name="import_template"),
    path("bo-tieu-chi/", views.set_list, name="set_list"),
    path("bo-tieu-chi/them/", views.set_create, name="set_create"),
    path("bo-tieu-chi/<slug:code>/", views.set_detail, name="set_detail"),
    path("bo-tieu-chi/<slug:code>/sua/", views.set_edit, name="set_edit"),
    path("bo-tieu-chi/<slug:code>/them-tieu-chi/", views.criterion_add, name="criterion_add"),
    path("tieu-chi/<int:pk>/sua/", views.criterion_edit, name="criterion_edit"),
    path("tieu-chi/<int:pk>/them-chi-tieu/", views.indicator_add, name="indicator_add"),
    path("chi-tieu/<int:pk>/sua/", views.indicator_edit, name="indicator_edit"),
    path("xa/<str:code>/nhom/", views.commune_group_set, name="commune_group_set"),
]
