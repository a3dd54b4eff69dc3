"""URL configuration of the NTM award application."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from dossiers.documents.views_lists import public_list

from . import views
from .forms import LoginForm

admin.site.site_header = "Quản trị — Khen thưởng NTM"
admin.site.site_title = "Khen thưởng NTM"
admin.site.index_title = "Quản trị dữ liệu"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("dang-nhap/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "doi-mat-khau/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", include("emulation.urls_app")),
    path("don-vi/", include("communes.urls")),
    path("tieu-chi/", include("criteria.urls")),
    path("ho-so/", include("dossiers.urls")),
    path("van-ban/", include("dossiers.documents.urls")),
    path("khen-thuong/", public_list, name="public_awards"),
    path("tien-do/", include("emulation.urls_progress")),
    path("xet-khen/", include("emulation.urls_rules")),
    path("django-admin/", admin.site.urls),
]

handler400 = "emulation.views.bad_request"
handler403 = "emulation.views.permission_denied"
handler404 = "emulation.views.page_not_found"
handler500 = "emulation.views.server_error"
