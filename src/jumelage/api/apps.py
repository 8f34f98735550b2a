from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "jumelage.api"
    label = "api"
