from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "jumelage.outcomes"
    label = "outcomes"
