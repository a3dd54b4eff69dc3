"""URLs of the movement's rules screens."""

from django.urls import path

from eligibility import plan_views, state_plan_views, views

app_name = "rules"

urlpatterns = [
    path("ai-du-dieu-kien/", views.WhoQualifiesView.as_view(), name="who_qualifies"),
    path("bo-tieu-chuan/", views.RuleSetListView.as_view(), name="rulesets"),
    path("bo-tieu-chuan/lich-su/", views.RuleSetHistoryView.as_view(), name="ruleset_history"),
    path("bo-tieu-chuan/sua/", views.RuleSetEditView.as_view(), name="ruleset_edit"),
    path("bo-tieu-chuan/<int:version>/", views.RuleSetDetailView.as_view(), name="ruleset_detail"),
    path("ke-hoach/", plan_views.PlanListView.as_view(), name="plans"),
    path("ke-hoach/moi/", plan_views.PlanCreateView.as_view(), name="plan_create"),
    path("ke-hoach/<slug:code>/", plan_views.PlanDetailView.as_view(), name="plan_detail"),
    path("ke-hoach/<slug:code>/sua/", plan_views.PlanEditView.as_view(), name="plan_edit"),
    path(
        "ke-hoach/<slug:code>/dot/<slug:kind>/<int:year>/",
        plan_views.PlanRoundEditView.as_view(),
        name="plan_round_edit",
    ),
    path(
        "ke-hoach/<slug:code>/dot/<slug:kind>/<int:year>/xoa/",
        plan_views.PlanRoundRemoveView.as_view(),
        name="plan_round_remove",
    ),
    # national plans and their award standards (III.2.1)
    path("ke-hoach-nha-nuoc/", state_plan_views.StatePlanListView.as_view(), name="state_plans"),
    path(
        "ke-hoach-nha-nuoc/<slug:code>/",
        state_plan_views.StatePlanDetailView.as_view(),
        name="state_plan_detail",
    ),
    path(
        "ke-hoach-nha-nuoc/<slug:code>/tieu-chuan/moi/",
        state_plan_views.StateStandardEditView.as_view(),
        name="state_standard_create",
    ),
    path(
        "ke-hoach-nha-nuoc/<slug:code>/tieu-chuan/<int:pk>/",
        state_plan_views.StateStandardEditView.as_view(),
        name="state_standard_edit",
    ),
    path(
        "ke-hoach-nha-nuoc/<slug:code>/tieu-chuan/<int:pk>/xoa/",
        state_plan_views.StateStandardRemoveView.as_view(),
        name="state_standard_remove",
    ),
]
