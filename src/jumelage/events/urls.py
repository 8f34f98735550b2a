from django.urls import path
from django.views.generic import RedirectView

from jumelage.events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="event_list"),
    # The former notifications page of this app: notifications now have one page for all.
    path("notifications/", RedirectView.as_view(pattern_name="notifications:list", permanent=True)),
    path("new/", views.event_create, name="event_create"),
    path("<int:pk>/", views.event_detail, name="event_detail"),
    path("<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("<int:pk>/setup/", views.event_setup, name="event_setup"),
    path("<int:pk>/sessions/<int:session_pk>/remove/", views.session_remove, name="session_remove"),
    path("<int:pk>/tables/<int:table_pk>/host/", views.table_host, name="table_host"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/participants/", views.participant_list, name="participant_list"),
    path(
        "<int:pk>/participants/<int:participant_pk>/decide/",
        views.participant_decide,
        name="participant_decide",
    ),
    path("<int:pk>/availability/", views.availability, name="availability"),
    path("<int:pk>/requests/", views.request_list, name="request_list"),
    path("<int:pk>/requests/new/", views.request_create, name="request_create"),
    path("<int:pk>/requests/<int:request_pk>/accept/", views.request_accept, name="request_accept"),
    path(
        "<int:pk>/requests/<int:request_pk>/decline/", views.request_decline, name="request_decline"
    ),
    path("<int:pk>/requests/<int:request_pk>/cancel/", views.request_cancel, name="request_cancel"),
    path("<int:pk>/suggestions/", views.suggestions, name="suggestions"),
    path("<int:pk>/agenda/", views.my_agenda, name="my_agenda"),
    path("<int:pk>/agenda/<int:participant_pk>.ics", views.agenda_ics, name="agenda_ics"),
    path("<int:pk>/agenda/<int:participant_pk>.pdf", views.agenda_pdf, name="agenda_pdf"),
    path("<int:pk>/meetings/<int:meeting_pk>/pick/", views.meeting_pick, name="meeting_pick"),
    path("<int:pk>/meetings/<int:meeting_pk>/move/", views.meeting_move, name="meeting_move"),
    path(
        "<int:pk>/meetings/<int:meeting_pk>/check-in/",
        views.meeting_check_in,
        name="meeting_check_in",
    ),
    path("<int:pk>/schedule/", views.schedule, name="schedule"),
    path("<int:pk>/schedule/run/", views.schedule_start, name="schedule_start"),
    path("<int:pk>/schedule/runs/<int:run_pk>/", views.run_status, name="run_status"),
    path("<int:pk>/schedule/runs/<int:run_pk>/publish/", views.run_publish, name="run_publish"),
    path("<int:pk>/table-plan/", views.table_plan, name="table_plan"),
    path("<int:pk>/analytics/", views.analytics, name="analytics"),
    path("<int:pk>/meetings.csv", views.meetings_csv, name="meetings_csv"),
]
