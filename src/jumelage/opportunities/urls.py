from django.urls import path
from django.views.generic import RedirectView

from jumelage.opportunities import views

app_name = "opportunities"
urlpatterns = [
    path("", views.profile_list, name="profile_list"),
    # The former notifications page of this app: notifications now have one page for all.
    path("notifications/", RedirectView.as_view(pattern_name="notifications:list", permanent=True)),
    path("new/", views.profile_create, name="profile_create"),
    path("<int:pk>/", views.profile_detail, name="profile_detail"),
    path("<int:pk>/edit/", views.profile_edit, name="profile_edit"),
    path(
        "<int:pk>/workflow/<slug:action>/",
        views.profile_transition,
        name="profile_transition",
    ),
    path("<int:pk>/interest/", views.interest_create, name="interest_create"),
    path("review/", views.review_queue, name="review_queue"),
    path("interests/", views.interest_list, name="interest_list"),
    path("interests/<int:pk>/", views.interest_detail, name="interest_detail"),
    path("interests/<int:pk>/decide/", views.interest_decide, name="interest_decide"),
    path("searches/", views.saved_search_list, name="saved_search_list"),
    path("searches/<int:pk>/delete/", views.saved_search_delete, name="saved_search_delete"),
]
