"""What a project still lacks before it can be submitted, labelled or published.

`missing()` is a pure function of a project's content: it reads the project's fields and the
participations it is given (with their partners and places loaded), queries nothing and changes
nothing. Each item names the field of the admin form to fix (`anchor`, the id of its widget), so
that the change form can link to it. The workflow services refuse a step while a blocking item is
left (`blocking()`); translations block publication only, and a committee member may publish
without them by ticking an explicit, recorded decision.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import fits_side

# Two kinds of gaps: what every step needs, and the translations that publication needs.
REQUIRED = "required"
TRANSLATION = "translation"


@dataclass(frozen=True)
class Missing:
    code: str
    message: str
    anchor: str
    kind: str = REQUIRED


def _empty(value) -> bool:
    return not (value or "").strip()


def missing(project, participations) -> list[Missing]:
    """The gaps of `project` given its `participations` (each with `.side`, `.partner.name`,
    `.partner.territory.country`), in the order of the admin form."""
    items = []
    if _empty(project.title_fr):
        items.append(Missing("title_fr", _("The French title is missing."), "id_title_fr"))
    if _empty(project.description_fr):
        items.append(Missing("description_fr", _("The French description is missing."), "id_description_fr"))
    translations = {
        "ru": (_("The Russian title is missing."), _("The Russian description is missing.")),
        "en": (_("The English title is missing."), _("The English description is missing.")),
    }
    for lang, (no_title, no_description) in translations.items():
        if _empty(getattr(project, f"title_{lang}")):
            items.append(Missing(f"title_{lang}", no_title, f"id_title_{lang}", TRANSLATION))
        if not _empty(project.description_fr) and _empty(getattr(project, f"description_{lang}")):
            items.append(
                Missing(f"description_{lang}", no_description, f"id_description_{lang}", TRANSLATION)
            )
    participations = list(participations)
    for side, flag, message in (
        (
            "fr",
            "has_unnamed_french_partners",
            _("No French partner: name one, or tick “other French partners” if they are to be determined."),
        ),
        (
            "ru",
            "has_unnamed_russian_partners",
            _("No Russian partner: name one, or tick “other Russian partners” if they are to be determined."),
        ),
    ):
        if not getattr(project, flag) and not any(p.side == side for p in participations):
            items.append(Missing(f"partners_{side}", message, f"id_{flag}"))
    for position, participation in enumerate(participations):
        if not fits_side(participation.partner, participation.side):
            items.append(
                Missing(
                    f"side_{position}",
                    _("%(partner)s is placed on the wrong side: its place is in the other country.")
                    % {"partner": participation.partner.name},
                    f"participations-{position}",
                )
            )
    if project.planned_start is None or project.planned_precision == "unknown":
        items.append(Missing("planned", _("The planned period is missing."), "id_planned_start"))
    return items


def blocking(items: list[Missing], *, action: str, without_translations: bool = False) -> list[Missing]:
    """The items that stop `action` (submit, label, publish)."""
    return [
        item for item in items if item.kind == REQUIRED or (action == "publish" and not without_translations)
    ]
