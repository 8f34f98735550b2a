from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "jumelage.directory"
    label = "directory"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from jumelage.directory.countries import forget_countries
        from jumelage.directory.models import Organisation

        post_save.connect(forget_countries, sender=Organisation, dispatch_uid="countries.save")
        post_delete.connect(forget_countries, sender=Organisation, dispatch_uid="countries.del")
