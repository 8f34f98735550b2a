from django.urls import path

from jumelage.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.organisation_list, name="organisation_list"),
    path("export.<str:fmt>", views.organisation_export, name="organisation_export"),
    path("new/", views.organisation_create, name="organisation_create"),
    path("<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("<int:pk>/memberships/add/", views.membership_add, name="membership_add"),
    path("memberships/<int:pk>/remove/", views.membership_remove, name="membership_remove"),
    path("<int:pk>/people/new/", views.person_create, name="person_create"),
    path("people/", views.people_list, name="people_list"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/export.json", views.person_export, name="person_export"),
    path("people/<int:pk>/erase/", views.person_erase, name="person_erase"),
    path("regions/", views.region_list, name="region_list"),
    path("regions/<str:code>/", views.region_detail, name="region_detail"),
    path("duplicates/", views.duplicate_list, name="duplicate_list"),
    path("duplicates/<int:pk>/decide/", views.duplicate_decide, name="duplicate_decide"),
]

from jumelage.directory import import_views  # noqa: E402

urlpatterns += [
    path("import/", import_views.import_upload, name="import_upload"),
    path("import/<int:pk>/", import_views.import_preview, name="import_preview"),
    path("import/<int:pk>/progress/", import_views.import_progress, name="import_progress"),
    path("import/<int:pk>/commit/", import_views.import_commit, name="import_commit"),
]
