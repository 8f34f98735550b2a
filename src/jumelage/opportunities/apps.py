from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    name = "jumelage.opportunities"
    label = "opportunities"
