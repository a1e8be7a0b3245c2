"""Password rules of our own, beside Django's (length, common passwords, similarity, digits only)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class CharacterVarietyValidator:
    """Refuses passwords made of too few different characters ("aaaaaaaaaaaa", "abababababab",
    "123123123123"), which pass a length rule but fall to the first guesses of an attacker."""

    def __init__(self, min_distinct=6):
        self.min_distinct = min_distinct

    def validate(self, password, user=None):
        if len(set(password)) < self.min_distinct:
            raise ValidationError(
                _("This password uses too few different characters: it needs at least %(min)d.")
                % {"min": self.min_distinct},
                code="password_too_repetitive",
                params={"min": self.min_distinct},
            )

    def get_help_text(self):
        return ngettext(
            "Your password must contain at least %(min)d different character.",
            "Your password must contain at least %(min)d different characters.",
            self.min_distinct,
        ) % {"min": self.min_distinct}
