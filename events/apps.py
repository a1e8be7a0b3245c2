from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Programme")

    def ready(self):
        from . import receivers

        receivers.connect()
