"""`{% mini_map %}`: the small map of one project, territory or partnership, from data already loaded."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events import place_selectors as selectors
from partners.models import TerritoryKind

from ..map import MINI, Link, Place, build_map, pair_name

register = template.Library()


def _place(territory):
    return Place(
        key=territory.pk,
        country=territory.country,
        lon=territory.longitude,
        lat=territory.latitude,
        count=1,  # a small map shows where, not how much: every circle is the same size
        label=territory.name,
        url=territory.get_absolute_url(),
        title=territory.name,
    )


def _link(pair, start, end):
    name = pair_name(pair, start, end)
    count = getattr(pair, "n", None)  # annotated by events.place_selectors.pairs_with_projects
    if count:
        name = ngettext("%(pair)s — %(count)d project", "%(pair)s — %(count)d projects", count) % {
            "pair": name,
            "count": count,
        }
    return Link(
        key=pair.pk, start=start.pk, end=end.pk, count=count or 1, url=pair.get_absolute_url(), title=name
    )


def _marks(pairs, territory_of):
    """Places and links of `pairs`; `territory_of(pair, side)` gives the territory of the partner
    on that side ("french_partner" or "russian_partner")."""
    places, links = {}, []
    for pair in pairs:
        start, end = territory_of(pair, "french_partner"), territory_of(pair, "russian_partner")
        if start is None or end is None or TerritoryKind.COUNTRY in (start.kind, end.kind):
            continue
        places.setdefault(start.pk, _place(start))
        places.setdefault(end.pk, _place(end))
        links.append(_link(pair, start, end))
    return list(places.values()), links


def _project_marks(project):
    # The participations come prefetched with their partner and territory (events.selectors.with_relations);
    # the pairs' partners are found among them rather than queried again.
    by_partner = {p.partner_id: p.partner.territory for p in project.participations.all()}
    places, links = _marks(
        project.pairs.all(), lambda pair, side: by_partner.get(getattr(pair, side + "_id"))
    )
    drawn = {place.key for place in places}
    places += [
        _place(t)
        for t in {t.pk: t for t in by_partner.values()}.values()
        if t.kind != TerritoryKind.COUNTRY and t.pk not in drawn
    ]
    return places, links


def _related_territory(pair, side):
    return getattr(pair, side).territory  # select_related by the pair selectors and the pair page


@register.inclusion_tag("includes/_mini_map.html")
def mini_map(*, project=None, territory=None, pair=None, pairs=None, svg_id="mini-map"):
    """Usage: {% mini_map project=project %}, {% mini_map territory=territory pairs=pairs %} (pairs as
    given by events.place_selectors.pairs_around_territory, queried when omitted),
    {% mini_map pair=pair %}."""
    query = ""
    if project is not None:
        places, links = _project_marks(project)
        title = _("Map: where the partners of this project are")
    elif pair is not None:
        places, links = _marks([pair], _related_territory)
        title = _("Map of this partnership")
    elif territory is not None:
        if pairs is None:
            pairs = selectors.pairs_around_territory(territory)
        places, links = _marks(pairs, _related_territory)
        if not places and territory.kind != TerritoryKind.COUNTRY:
            places = [_place(territory)]
        title = _("Map: the partnerships of %(name)s") % {"name": territory.name}
        if territory.filter_parameter:
            query = f"{territory.filter_parameter}={territory.slug}"
    else:
        raise template.TemplateSyntaxError("mini_map needs a project, a territory or a pair")
    return {"map": build_map(places, links, layout=MINI), "svg_id": svg_id, "title": title, "query": query}
