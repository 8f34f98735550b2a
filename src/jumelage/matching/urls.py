from django.urls import path

from jumelage.matching import views

app_name = "matching"
urlpatterns = [
    path("", views.search, name="search"),
    path("for/", views.partners_for_you, name="partners_for_you"),
    path("feedback/", views.feedback, name="feedback"),
]
