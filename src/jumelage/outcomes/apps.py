from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "jumelage.outcomes"
    label = "outcomes"

    def ready(self) -> None:
        from jumelage.outcomes import signals

        signals.connect()
