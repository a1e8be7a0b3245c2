from django.apps import AppConfig
from django.db.models.signals import post_migrate


def name_the_site(sender=None, using="default", **kwargs):
    """Sitemaps, feeds and redirects build absolute addresses from the Site row: keep it current."""
    from django.conf import settings
    from django.contrib.sites.models import Site

    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": settings.SITE_DOMAIN, "name": "Franco-Russian Year of Cooperation 2021"},
    )
    Site.objects.clear_cache()


class PortalConfig(AppConfig):
    name = "portal"

    def ready(self):
        from django.apps import apps

        from . import cache

        cache.connect(self)
        # post_migrate is sent only for apps with a models module, which this one has not: listen to
        # the sites app's signal instead (it runs after its own default "example.com" row is created).
        post_migrate.connect(
            name_the_site, sender=apps.get_app_config("sites"), dispatch_uid="portal-name-the-site"
        )
