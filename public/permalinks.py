"""Permanent links: when a public object's slug changes, its old addresses answer 301.

The redirects are rows of django.contrib.redirects (served by RedirectFallbackMiddleware when the
old address would otherwise be a 404), one per language, and earlier redirects are repointed so
that a link survives any number of renames without chains.
"""

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.db.models.signals import post_save, pre_save
from django.utils import translation

from events.models import Project
from partners.models import Partner, PartnerPair, Territory

MODELS = (Project, Territory, Partner, PartnerPair)


def urls_by_language(instance) -> dict[str, str]:
    paths = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths[code] = instance.get_absolute_url()
    return paths


def remember_old_urls(sender, instance, **kwargs):
    if instance.pk is None:
        return
    old = sender.objects.filter(pk=instance.pk).only("slug").first()
    if old is not None and old.slug != instance.slug:
        instance._urls_before_save = urls_by_language(old)


def redirect_old_urls(sender, instance, **kwargs):
    before = getattr(instance, "_urls_before_save", None)
    if not before:
        return
    del instance._urls_before_save
    site = Site.objects.get_current()
    after = urls_by_language(instance)
    for code, old_path in before.items():
        new_path = after[code]
        Redirect.objects.filter(site=site, new_path=old_path).update(new_path=new_path)
        Redirect.objects.filter(site=site, old_path=new_path).delete()  # the address is live again
        Redirect.objects.update_or_create(site=site, old_path=old_path, defaults={"new_path": new_path})


def connect():
    for model in MODELS:
        pre_save.connect(remember_old_urls, sender=model, dispatch_uid=f"permalink-pre-{model.__name__}")
        post_save.connect(redirect_old_urls, sender=model, dispatch_uid=f"permalink-post-{model.__name__}")
