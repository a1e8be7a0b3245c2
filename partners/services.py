"""State changes for partners: the pairs that projects create."""

from django.utils.text import slugify

from .models import Partner, PartnerPair


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
