from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = "Public portal"

    def ready(self):
        from . import booklets, permalinks

        permalinks.connect()
        booklets.connect()
