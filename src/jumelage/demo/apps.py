from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "jumelage.demo"
    label = "demo"
