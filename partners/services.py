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


def place_from_gazetteer(place) -> Territory:
    """A town of the gazetteer (partners.gazetteer.Place) as a Territory, created when missing: in
    its French region when we have it (by name), else directly in its country."""
    parent = None
    if place.region:
        parent = Territory.objects.filter(kind=TerritoryKind.REGION, name_fr=place.region).first()
    if parent is None:
        parent = Territory.objects.filter(kind=TerritoryKind.COUNTRY, country=place.country).first()
    existing = Territory.objects.filter(country=place.country, name_fr=place.name_fr, parent=parent).first()
    if existing:
        return existing
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
