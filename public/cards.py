"""Project cards, rendered once per project and language and kept in the cache.

A card (includes/_project_card.html) shows a project, its partners, region and themes: drawing
twenty of them was most of the time of a list page. Every key of the default cache carries the
content version (portal.cache), which database triggers raise on any write to public content: a
rename of a partner, a place or a theme, a publish or a withdrawal makes every card of the previous
version unreachable at once, in every worker. Nothing here needs invalidating by hand.
"""

from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from events import selectors

TEMPLATE = "includes/_project_card.html"
SECONDS = 3600


def _key(pk: int, language: str) -> str:
    return f"card:{language}:{pk}"


def project_cards(ids: list[int]) -> list[str]:
    """The cards of the projects `ids`, in that order, with one cache read for all of them.

    Cards not cached are drawn from the published projects, read in one go (with
    events.selectors.with_relations); an id that is not published (anymore) has no card.
    """
    language = get_language()
    keys = {pk: _key(pk, language) for pk in ids}
    found = cache.get_many(list(keys.values()))
    missing = [pk for pk in ids if keys[pk] not in found]
    if missing:
        projects = selectors.with_relations(selectors.published_projects().filter(pk__in=missing))
        known = {project.pk: project for project in projects}
        template = get_template(TEMPLATE)
        drawn = {keys[pk]: template.render({"project": known[pk]}) for pk in missing if pk in known}
        cache.set_many(drawn, SECONDS)
        found.update(drawn)
    return [mark_safe(found[keys[pk]]) for pk in ids if keys[pk] in found]  # noqa: S308 - our template
