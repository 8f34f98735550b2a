from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "jumelage.matching"
    label = "matching"

    def ready(self) -> None:
        from jumelage.matching import signals

        signals.connect()
