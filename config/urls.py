"""URL configuration of the NTM award application."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from communes import urls as communes_urls
from config import views
from config.forms import LoginForm
from criteria.views import commune_detail
from dossiers.documents.views_lists import public_list, verify_certificate
from progress.views_report import district_report

# The Django admin reads every table, whatever the province: closed to all but superusers
# (who operate the whole database); the application's administrators use the app's screens.
admin.site.has_permission = lambda request: bool(  # type: ignore[method-assign]
    request.user.is_active and request.user.is_superuser
)
admin.site.site_header = "Quản trị — Khen thưởng NTM"
admin.site.site_title = "Khen thưởng NTM"
admin.site.index_title = "Quản trị dữ liệu"

# The commune page belongs to the units' namespace (communes:detail) but shows the commune's
# criteria, so the criteria app renders it and the top floor puts it in place.
commune_page = path("xa/<str:code>/", commune_detail, name="detail")

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
    path("quan-tri/", include("config.urls_users")),
    path("don-vi/", include((communes_urls.urlpatterns + [commune_page], "communes"))),
    path("tieu-chi/", include("criteria.urls")),
    path("ho-so/", include("dossiers.urls")),
    path("van-ban/", include("dossiers.documents.urls")),
    # the district report as an official document (section V.2), made by the progress app
    path("van-ban/bao-cao-huyen/", district_report, name="district_report"),
    path("van-ban/bao-cao-huyen.pdf", district_report, {"fmt": "pdf"}, name="district_report_pdf"),
    path(
        "van-ban/bao-cao-huyen.docx", district_report, {"fmt": "docx"}, name="district_report_docx"
    ),
    path("khen-thuong/", public_list, name="public_awards"),
    path("tra-cuu-khen-thuong/", include("dossiers.history.urls")),
    # the QR code of a Bằng khen: anyone checks it there (issue 16 part 4)
    path("xac-minh/<str:token>/", verify_certificate, name="verify_certificate"),
    path("tien-do/", include("progress.urls")),
    path("xet-khen/", include("eligibility.urls")),
    path("django-admin/", admin.site.urls),
]

handler400 = "config.views.bad_request"
handler403 = "config.views.permission_denied"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
