"""Permanent links: when a public object's slug changes, its old addresses answer 301.

The redirects are rows of django.contrib.redirects (served by RedirectFallbackMiddleware when the
old address would otherwise be a 404), one per language, and earlier redirects are repointed so
that a link survives any number of renames without chains.
"""

from django.conf import settings
from django.contrib.redirects.middleware import RedirectFallbackMiddleware
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.contrib.sites.shortcuts import get_current_site
from django.db.models.signals import post_save, pre_save
from django.http import QueryDict
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


# Parameters that only say where a visitor came from: dropped when an old address is redirected.
TRACKING_PARAMETERS = {
    "fbclid",
    "gclid",
    "yclid",
    "msclkid",
    "dclid",
    "mc_cid",
    "mc_eid",
    "_openstat",
    "igshid",
}


class PermalinkFallbackMiddleware(RedirectFallbackMiddleware):
    """Django's fallback, which matches the whole address: a link shared as `/old/?utm_source=x`
    would miss its redirect. Here the path alone is looked up too, and the query string follows
    the redirect without its tracking parameters."""

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.status_code != 404 or not request.META.get("QUERY_STRING"):
            return response
        redirect = (
            Redirect.objects.filter(site=get_current_site(request), old_path=request.path)
            .only("new_path")
            .first()
        )
        if redirect is None:
            return response
        if not redirect.new_path:
            return self.response_gone_class()
        kept = [
            (key, value)
            for key, value in request.GET.lists()
            if key not in TRACKING_PARAMETERS and not key.startswith("utm_")
        ]
        query = QueryDict(mutable=True)
        for key, values in kept:
            query.setlist(key, values)
        target = redirect.new_path + (f"?{query.urlencode()}" if kept else "")
        return self.response_redirect_class(target)
