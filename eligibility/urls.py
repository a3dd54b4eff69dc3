"""URLs of the movement's rules screens."""

from django.urls import path

from eligibility import views

app_name = "rules"

urlpatterns = [
    path("ai-du-dieu-kien/", views.WhoQualifiesView.as_view(), name="who_qualifies"),
    path("bo-tieu-chuan/", views.RuleSetListView.as_view(), name="rulesets"),
    path("bo-tieu-chuan/lich-su/", views.RuleSetHistoryView.as_view(), name="ruleset_history"),
    path("bo-tieu-chuan/sua/", views.RuleSetEditView.as_view(), name="ruleset_edit"),
    path("bo-tieu-chuan/<int:version>/", views.RuleSetDetailView.as_view(), name="ruleset_detail"),
]
