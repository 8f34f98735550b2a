from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "jumelage.web"
    label = "web"
