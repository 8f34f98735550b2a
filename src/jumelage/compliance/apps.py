from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "jumelage.compliance"
    label = "compliance"
