from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "jumelage.events"
    label = "events"
