from django.urls import path

from . import views

app_name = "communes"

urlpatterns = [
    path("", views.commune_list, name="list"),
    path("xa/<str:code>/", views.commune_detail, name="detail"),
    path("xa/<str:code>/dac-diem/", views.commune_flags, name="flags"),
    path("thon/nhap/", views.village_import, name="village_import"),
    path("thon/mau.<str:fmt>", views.village_template, name="village_template"),
]
