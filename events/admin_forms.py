"""The parts of the project form that help staff at their desk: a planned period typed as words,
the planned period's rule said in words, the French source shown beside each translation, and the
confirmation that a translation whose source changed is still correct (events.freshness)."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import freshness
from .periods import PlannedPeriod, Precision, infer_precision, parse_planned

SOURCE_FIELDS = ("title", "description")


def period_in_words(wording: str, *, dated: bool = False) -> PlannedPeriod:
    """A period typed in words in an admin form (a project's planned period, an event's new
    period), in French, Russian or English: events.periods.parse_planned, the Year's year when the
    wording gives none. A wording it does not understand (or, when `dated`, one that names no dates)
    raises a ValidationError worded for staff, in their language."""
    try:
        period = parse_planned(wording, settings.PROGRAMME_YEAR)
    except ValueError:
        period = None
    if period is None or (dated and period.start is None):
        raise ValidationError(
            _(
                "“%(wording)s” is not a period this form understands. Write it as “12–18 October "
                "2021”, “October 2021”, “third quarter of 2021”, “second half of 2021” or “summer "
                "2021” (in French, Russian or English), or fill in the start and the end."
            ),
            code="unreadable_period",
            params={"wording": wording},
        )
    return period


class DeskProjectFormMixin(forms.Form):
    planned_period = forms.CharField(
        label=_("Planned period in words"),
        required=False,
        max_length=200,
        help_text=_(
            "In French, Russian or English, e.g. “du 12 au 18 octobre 2021”, “второе полугодие 2021 года”, "
            "“October 2021”, “2nd half of 2021”, “été 2021”: fills the start, the end and the precision."
        ),
    )
    translation_still_correct_ru = forms.BooleanField(
        label=_("The Russian translation is still correct"),
        required=False,
        help_text=_("Tick to confirm that the Russian text still says what the changed French text says."),
    )
    translation_still_correct_en = forms.BooleanField(
        label=_("The English translation is still correct"),
        required=False,
        help_text=_("Tick to confirm that the English text still says what the changed French text says."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stale = freshness.out_of_date(self.instance) if self.instance.pk else {}
        self.stale_translations = stale
        for field in SOURCE_FIELDS:
            source = getattr(self.instance, f"{field}_fr", "") if self.instance.pk else ""
            for lang in freshness.TARGET_LANGUAGES:
                name = f"{field}_{lang}"
                if name not in self.fields:
                    continue
                warning = ""
                if field in stale.get(lang, ()):
                    warning = format_html(
                        '<strong class="translation-out-of-date">{}</strong>',
                        _("Out of date: the French text changed since this translation was written."),
                    )
                if source:
                    self.fields[name].help_text = format_html(
                        '{}<span class="french-source" lang="fr">'
                        '<span class="french-source-label">{}</span>{}</span>',
                        warning,
                        _("French source:"),
                        source,
                    )
                elif warning:
                    self.fields[name].help_text = warning

    def clean(self):
        cleaned = super().clean()
        wording = (cleaned.get("planned_period") or "").strip()
        if wording:
            try:
                period = period_in_words(wording)
            except ValidationError as error:
                self.add_error("planned_period", error)
                return cleaned
            cleaned["planned_start"], cleaned["planned_end"] = period.start, period.end
            cleaned["planned_precision"] = period.precision
        self._check_planned_period(cleaned)
        return cleaned

    def _check_planned_period(self, cleaned):
        """The rule of the constraint project_planned_period_consistent, said in words on its fields."""
        fields = ("planned_start", "planned_end", "planned_precision")
        if any(name not in self.fields or name in self.errors for name in fields):
            return
        start, end = cleaned.get("planned_start"), cleaned.get("planned_end")
        precision = cleaned.get("planned_precision") or Precision.UNKNOWN
        if start is None and end is None:
            if precision != Precision.UNKNOWN:
                self.add_error(
                    "planned_start",
                    _("Enter the start and the end of the period, or set its precision to “unknown”."),
                )
            return
        if start is None:
            self.add_error("planned_start", _("Enter the start of the period as well as its end."))
        elif end is None:
            self.add_error("planned_end", _("Enter the end of the period as well as its start."))
        elif end < start:
            self.add_error("planned_end", _("The period cannot end before it starts."))
        elif precision == Precision.UNKNOWN:  # two dates typed: their precision is the one they state
            cleaned["planned_precision"] = infer_precision(start, end)

    def record_translation_sources(self, project) -> None:
        """The translations changed in this form, or confirmed, now follow the current French text."""
        for lang in freshness.TARGET_LANGUAGES:
            if self.cleaned_data.get(f"translation_still_correct_{lang}"):
                freshness.mark_translated(project, lang)
                continue
            changed = [field for field in SOURCE_FIELDS if f"{field}_{lang}" in self.changed_data]
            if changed:
                freshness.mark_translated(project, lang, changed)
