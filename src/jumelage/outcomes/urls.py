from django.urls import path

from jumelage.outcomes import views

app_name = "outcomes"
urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("new/", views.plan_edit, name="plan_create"),
    path("follow-up/<str:token>/", views.follow_up, name="follow_up"),
    path("<int:plan_id>/", views.plan_detail, name="plan_detail"),
    path("<int:plan_id>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:plan_id>/objectives/", views.objective_add, name="objective_add"),
    path(
        "<int:plan_id>/objectives/<int:objective_id>/delete/",
        views.objective_delete,
        name="objective_delete",
    ),
    path("<int:plan_id>/actions/new/", views.action_edit, name="action_create"),
    path("<int:plan_id>/actions/<int:action_id>/", views.action_edit, name="action_edit"),
    path(
        "<int:plan_id>/organisations/<slug:scope>/",
        views.organisation_search,
        name="organisation_search",
    ),
    path("<int:plan_id>/accompanied/new/", views.accompaniment_add, name="accompaniment_add"),
    path(
        "<int:plan_id>/accompanied/<int:accompaniment_id>/",
        views.accompaniment_detail,
        name="accompaniment_detail",
    ),
    path("<int:plan_id>/outcomes/new/", views.outcome_edit, name="outcome_create"),
    path("<int:plan_id>/outcomes/<int:outcome_id>/", views.outcome_edit, name="outcome_edit"),
    path(
        "<int:plan_id>/outcomes/<int:outcome_id>/delete/",
        views.outcome_delete,
        name="outcome_delete",
    ),
    path(
        "<int:plan_id>/outcomes/<int:outcome_id>/files/<int:attachment_id>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path("<int:plan_id>/dashboard/", views.dashboard, name="dashboard"),
    path("<int:plan_id>/dashboard/<slug:chart>.csv", views.chart_csv, name="chart_csv"),
    path("<int:plan_id>/network/", views.network, name="network"),
    path("<int:plan_id>/report.<str:fmt>", views.report, name="report"),
]
