from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "jumelage.matching"
    label = "matching"
