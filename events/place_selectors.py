"""Querysets for territory, partner and pair pages and the map.

Which places, partners and pairs are public is decided here, once: those of at least one published
project (`public_territories`, `public_partners`, `public_pairs`). Every public surface (pages, feeds,
API, sitemaps, filters and their chips, the map) starts from these, so that a partner or a place known
only from proposed, labelled or withdrawn projects appears nowhere, not even by its name.
"""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from partners.models import Country, Partner, PartnerPair, Territory, TerritoryKind

from .models import Participation, Project
from .selectors import published_projects


def _in_programme(relation: str) -> Q:
    return Q(**{f"{relation}__in": published_projects().values("pk")})


def public_territories() -> QuerySet[Territory]:
    """Places the public may see: those a published project touches (its partners' places, the
    places above them, its French region). A country as a whole is no such place."""
    touched = Project.territories.through.objects.filter(
        territory=OuterRef("pk"), project__in=published_projects().values("pk")
    )
    return Territory.objects.filter(Exists(touched))


def public_partners() -> QuerySet[Partner]:
    """Partners the public may see: those taking part in a published project."""
    taking_part = Participation.objects.filter(
        partner=OuterRef("pk"), project__in=published_projects().values("pk")
    )
    return Partner.objects.filter(Exists(taking_part))


def public_pairs() -> QuerySet[PartnerPair]:
    """Partner pairs the public may see: those cooperating in a published project."""
    cooperating = Project.pairs.through.objects.filter(
        partnerpair=OuterRef("pk"), project__in=published_projects().values("pk")
    )
    return PartnerPair.objects.filter(Exists(cooperating))


def territory_and_descendants(territory: Territory) -> Q:
    """A condition on `territory` fields: this territory or any place below it (three levels)."""
    return Q(pk=territory.pk) | Q(parent=territory) | Q(parent__parent=territory)


def children_with_projects(territory: Territory) -> QuerySet[Territory]:
    """The public places directly below `territory`, with their number of published projects as `n`."""
    return (
        public_territories()
        .filter(parent=territory)
        .annotate(n=Count("projects", filter=_in_programme("projects")))
    )


def pairs_with_projects() -> QuerySet[PartnerPair]:
    """Public pairs, with their number of published projects as `n`."""
    return (
        public_pairs()
        .select_related("french_partner__territory", "russian_partner__territory")
        .annotate(n=Count("projects", filter=_in_programme("projects")))
    )


def pairs_around_partner(partner: Partner) -> QuerySet[PartnerPair]:
    return pairs_with_projects().filter(Q(french_partner=partner) | Q(russian_partner=partner))


def pairs_around_territory(territory: Territory) -> QuerySet[PartnerPair]:
    places = Territory.objects.filter(territory_and_descendants(territory))
    return pairs_with_projects().filter(
        Q(french_partner__territory__in=places) | Q(russian_partner__territory__in=places)
    )


def map_places(projects) -> QuerySet[Territory]:
    """Places where partners of `projects` are based, with their number of those projects as `n`.

    A partner is placed where its territory is, whatever its side (the French embassy in Moscow is
    in Moscow); `french_partners` counts the French ones among them, so that the map can mark a
    French body based in Russia. A country as a whole is no place on the map.
    """
    return (
        Territory.objects.filter(partners__participations__project__in=projects.values("pk"))
        .exclude(kind=TerritoryKind.COUNTRY)
        .annotate(
            n=Count("partners__participations__project", distinct=True),
            french_partners=Count("partners", filter=Q(partners__country=Country.FRANCE), distinct=True),
        )
        .order_by("-n", "name")
    )


def map_pairs(projects) -> QuerySet[PartnerPair]:
    """Partner pairs of `projects`, both partners placeable, with their number of those projects as `n`."""
    return (
        PartnerPair.objects.filter(projects__in=projects.values("pk"))
        .exclude(french_partner__territory__kind=TerritoryKind.COUNTRY)
        .exclude(russian_partner__territory__kind=TerritoryKind.COUNTRY)
        .annotate(n=Count("projects", distinct=True))
        .select_related("french_partner__territory", "russian_partner__territory")
        .order_by("-n", "french_partner__name", "russian_partner__name")
    )


# Beyond this many curves they hide each other and the page grows (1 MB at 100× with 400, 560 KB with
# 200; the real programme has 93): the table under the map and the list say the rest.
MAP_MAX_PAIRS = 200


def map_data(projects, max_pairs: int | None = None):
    """Places and pairs to draw for `projects`: the pairs with the most projects (at most
    `max_pairs`, MAP_MAX_PAIRS by default), every place that has a project (only the busiest ones
    and the ends of the drawn curves when pairs were left out), and whether pairs were left out."""
    max_pairs = max_pairs or MAP_MAX_PAIRS
    pairs = list(map_pairs(projects)[: max_pairs + 1])
    truncated = len(pairs) > max_pairs
    pairs = pairs[:max_pairs]
    places = list(map_places(projects))
    if truncated:  # keep the busiest places and every end of a drawn curve
        ends = {p.french_partner.territory_id for p in pairs} | {
            p.russian_partner.territory_id for p in pairs
        }
        places = [place for rank, place in enumerate(places) if rank < max_pairs or place.pk in ends]
    return places, pairs, truncated
