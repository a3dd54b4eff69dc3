"""URLs of the movement's progress screens: dashboard, plan targets, district report."""

from django.urls import path

from progress import views

app_name = "progress"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("chi-tieu/", views.targets, name="targets"),
    path("chi-tieu/<int:year>/<str:scope>/", views.target_edit, name="target_edit"),
    path("bao-cao/", views.report, name="report"),
    path("bao-cao.xlsx", views.report_xlsx, name="report_xlsx"),
]
