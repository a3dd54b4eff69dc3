"""URLs of the documents package, under /van-ban/."""

from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("phoi-bang-khen/", views.layout_list, name="layouts"),
    path("phoi-bang-khen/<int:pk>/", views.layout_edit, name="layout_edit"),
    path("phoi-bang-khen/<int:pk>/in-thu.pdf", views.layout_test_print, name="layout_test_print"),
    path("phoi-bang-khen/<int:pk>/in-thu/", views.layout_test_print_view, name="layout_test_view"),
    path("phoi-bang-khen/<int:pk>/dung/", views.layout_activate, name="layout_activate"),
    path("tac-vu/", views.job_list, name="jobs"),
    path("tac-vu/<uuid:pk>/", views.job_detail, name="job"),
    path("tac-vu/<uuid:pk>/tien-do/", views.job_progress, name="job_progress"),
    path("tac-vu/<uuid:pk>/tai-ve/", views.job_download, name="job_download"),
]
