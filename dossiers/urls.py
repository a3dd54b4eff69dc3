"""URLs of the dossiers (mounted at /ho-so/)."""

from django.urls import path

from . import views

app_name = "dossiers"

urlpatterns = [
    path("", views.dossier_list, name="list"),
    path("tao-moi/", views.dossier_create, name="create"),
    path("xu-ly-hang-loat/", views.dossier_bulk, name="bulk"),
    path("thong-bao/", views.notification_list, name="notifications"),
    path("thong-bao/da-doc/", views.notification_read, name="notifications_read"),
    path("<int:pk>/", views.dossier_detail, name="detail"),
    path("<int:pk>/sua/", views.dossier_edit, name="edit"),
    path("<int:pk>/chuyen/<slug:action>/", views.dossier_transition, name="transition"),
    path("<int:pk>/doi-tuong/them/", views.nominee_add, name="nominee_add"),
    path("<int:pk>/doi-tuong/kiem-tra/", views.nominee_check, name="nominee_check"),
    path("<int:pk>/doi-tuong/thon/", views.village_options, name="village_options"),
    path("<int:pk>/doi-tuong/<int:nid>/sua/", views.nominee_edit, name="nominee_edit"),
    path("<int:pk>/doi-tuong/<int:nid>/xoa/", views.nominee_remove, name="nominee_remove"),
    path("<int:pk>/doi-tuong/<int:nid>/danh-gia/", views.nominee_attest, name="nominee_attest"),
    path("<int:pk>/tai-lieu/tai-len/", views.attachment_upload, name="attachment_upload"),
    path("<int:pk>/tai-lieu/<int:aid>/", views.attachment_download, name="attachment_download"),
    path("<int:pk>/tai-lieu/<int:aid>/go/", views.attachment_remove, name="attachment_remove"),
]
