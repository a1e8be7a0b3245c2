"""State changes for partners: the pairs that projects create."""

from django.utils.text import slugify

from .models import Partner, PartnerPair, Territory, TerritoryKind


def unique_slug(model, base: str, max_length: int = 80, exclude_pk=None) -> str:
    """`base` slugified, with -2, -3… appended while another row of `model` holds it."""
    root = slugify(base)[:max_length].strip("-") or "item"
    candidate, counter = root, 2
    taken = model.objects.exclude(pk=exclude_pk) if exclude_pk else model.objects.all()
    while taken.filter(slug=candidate).exists():
        suffix = f"-{counter}"
        candidate = root[: max_length - len(suffix)] + suffix
        counter += 1
    return candidate


def ensure_pairs(*, french: list[Partner], russian: list[Partner]) -> list[PartnerPair]:
    """Every French × Russian combination as a PartnerPair, created when missing."""
    pairs = []
    for fr in french:
        for ru in russian:
            if fr.pk == ru.pk:
                continue
            pair = PartnerPair.objects.filter(french_partner=fr, russian_partner=ru).first()
            if pair is None:
                slug = unique_slug(PartnerPair, f"{fr.slug}-{ru.slug}", max_length=170)
                pair = PartnerPair.objects.create(french_partner=fr, russian_partner=ru, slug=slug)
            pairs.append(pair)
    return pairs


def _parents_of_place(place) -> list[Territory]:
    """The territories we have that a town of the gazetteer lies in, the nearest first: its French
    département, its French region, its country (the gazetteer gives no Russian federal subject)."""
    found = []
    for kind, name in ((TerritoryKind.DEPARTMENT, place.department), (TerritoryKind.REGION, place.region)):
        if name:
            found.extend(Territory.objects.filter(kind=kind, country=place.country, name_fr=name)[:1])
    found.extend(Territory.objects.filter(kind=TerritoryKind.COUNTRY, country=place.country)[:1])
    return found


def parent_of_place(place) -> Territory | None:
    """The territory a new town of the gazetteer (partners.gazetteer.Place) belongs to: its French
    département when we have it, else its French region, else its country."""
    return next(iter(_parents_of_place(place)), None)


def place_from_gazetteer(place) -> Territory:
    """A town of the gazetteer (partners.gazetteer.Place) as a Territory with its coordinates and its
    three names, created when missing (a town of that name already in its département, region or
    country is the one), in the territory it belongs to (parent_of_place). The one way a place
    comes from the gazetteer: the partner form, imports, accepted applications."""
    parents = _parents_of_place(place)
    existing = Territory.objects.filter(
        country=place.country, name_fr=place.name_fr, parent__in=parents
    ).first()
    if existing:
        return existing
    parent = next(iter(parents), None)
    territory = Territory(
        slug=unique_slug(Territory, place.name_fr),
        name_fr=place.name_fr,
        name_ru=place.name_ru or place.name_fr,
        name_en=place.name_en,
        country=place.country,
        kind=TerritoryKind.CITY,
        parent=parent,
        latitude=place.latitude,
        longitude=place.longitude,
    )
    territory.full_clean()
    territory.save()
    return territory
