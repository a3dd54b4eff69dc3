"""URLs of the movement's progress screens: dashboard, plan targets, district report."""

from django.urls import path

from progress import views, views_export, views_statistics

app_name = "progress"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("in/", views_export.dashboard_print, name="dashboard_print"),
    path("tien-do.pdf", views_export.dashboard_pdf, name="dashboard_pdf"),
    path("tien-do.xlsx", views_export.dashboard_workbook, name="dashboard_xlsx"),
    path("thong-ke-khen-thuong/", views_statistics.award_statistics, name="award_statistics"),
    path(
        "thong-ke-khen-thuong.pdf",
        views_statistics.award_statistics_pdf,
        name="award_statistics_pdf",
    ),
    path(
        "thong-ke-khen-thuong.xlsx",
        views_statistics.award_statistics_workbook,
        name="award_statistics_xlsx",
    ),
    path("chi-tieu/", views.targets, name="targets"),
    path("chi-tieu/<int:year>/<str:scope>/", views.target_edit, name="target_edit"),
    path("bao-cao/", views.report, name="report"),
    path("bao-cao.xlsx", views.report_xlsx, name="report_xlsx"),
]
