from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "jumelage.compliance"
    label = "compliance"

    def ready(self) -> None:
        from jumelage.compliance import signals  # noqa: F401
