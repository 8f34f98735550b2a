from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "jumelage.directory"
    label = "directory"
