import os

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def name_the_site(sender, **kwargs):
    """Sitemaps, feeds and redirects build absolute addresses from the Site row: keep it current."""
    from django.conf import settings
    from django.contrib.sites.models import Site

    domain = os.environ.get("SITE_DOMAIN", "127.0.0.1:8000")
    Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": "Franco-Russian Year of Cooperation 2021"}
    )


class PortalConfig(AppConfig):
    name = "portal"

    def ready(self):
        from . import cache

        cache.connect(self)
        post_migrate.connect(name_the_site, sender=self)
