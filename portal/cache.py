"""Public pages are cached whole (Django's cache middleware); any change to the content empties the cache.

Staff edit a few times a day and readers come by the thousand, so clearing everything on a change
is both the simplest and a safe rule: a publish or an edit shows up on the next request.
"""

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save


def clear_public_cache(sender, **kwargs):
    if kwargs.get("raw"):  # loading fixtures
        return
    cache.clear()


def connect():
    from django.contrib.redirects.models import Redirect

    from events.models import Participation, Project, Theme
    from partners.models import Partner, PartnerPair, Territory

    for model in (Project, Participation, Theme, Territory, Partner, PartnerPair, Redirect):
        post_save.connect(clear_public_cache, sender=model, dispatch_uid=f"cache-save-{model.__name__}")
        post_delete.connect(clear_public_cache, sender=model, dispatch_uid=f"cache-delete-{model.__name__}")
    for through in (Project.themes.through, Project.territories.through, Project.pairs.through):
        m2m_changed.connect(clear_public_cache, sender=through, dispatch_uid=f"cache-m2m-{through.__name__}")
