from django.urls import path

from jumelage.compliance import views

app_name = "compliance"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("hits/", views.queue, name="queue"),
    path("hits/<int:pk>/", views.hit_detail, name="hit_detail"),
    path("screen/", views.screen_name, name="screen_name"),
    path("dual-use/", views.check_topic, name="check_topic"),
]
