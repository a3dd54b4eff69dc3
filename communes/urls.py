from django.urls import path

from . import views

# The commune page itself (name "detail") shows criteria, a higher layer: config/urls.py adds
# it to this namespace from criteria.views.

app_name = "communes"  # config/urls.py includes urlpatterns under this namespace

urlpatterns = [
    path("", views.commune_list, name="list"),
    path("xa/<str:code>/dac-diem/", views.commune_flags, name="flags"),
    path("thon/nhap/", views.village_import, name="village_import"),
    path("thon/mau.<str:fmt>", views.village_template, name="village_template"),
]
