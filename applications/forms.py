"""The public application form and the staff's decline form."""

import unicodedata
from functools import partial

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from events import search
from events.models import Theme
from partners.models import Country, Partner, PartnerKind

from .models import TEXT_LANGUAGES

# Characters that have no business in a name or a description and that can disguise text: control
# characters (line breaks and tabs excepted) and the invisible marks that reorder text (bidi).
BIDI_CONTROLS = {
    "\u061c",
    "\u200e",
    "\u200f",
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
}
ALLOWED_CONTROLS = {"\n", "\r", "\t"}


def refuse_odd_characters(value: str, *, multiline: bool = False) -> None:
    allowed = ALLOWED_CONTROLS if multiline else set()
    for ch in value or "":
        category = unicodedata.category(ch)
        if ch in BIDI_CONTROLS or (category == "Cc" and ch not in allowed) or category in ("Cs", "Co"):
            raise ValidationError(
                _(
                    "This text contains an invisible or control character (U+%(code)04X) that cannot be "
                    "accepted. Type the text again rather than pasting it, or remove that character."
                ),
                code="odd_character",
                params={"code": ord(ch)},
            )


class TextField(forms.CharField):
    """A CharField that refuses odd characters (line breaks too, unless `multiline`: a title goes
    into an e-mail's subject) and stores its text in Unicode's composed form."""

    def __init__(self, *, multiline=False, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(partial(refuse_odd_characters, multiline=multiline))

    def to_python(self, value):
        value = super().to_python(value)
        return unicodedata.normalize("NFC", value) if value else value


def folded(name: str) -> str:
    return search.fold(name)


class ApplicationForm(forms.Form):
    organisation = TextField(
        label=_("Name of the local authority or organisation"),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    kind = forms.ChoiceField(label=_("Kind of organisation"), choices=[("", "—"), *PartnerKind.choices])
    country = forms.ChoiceField(label=_("Country"), choices=Country.choices, widget=forms.RadioSelect)
    place = TextField(
        label=_("Town, district or region"),
        max_length=200,
        help_text=_("Choose a known place from the suggestions, or type its name."),
        widget=forms.TextInput(attrs={"list": "known-places", "autocomplete": "address-level2"}),
    )
    contact_name = TextField(
        label=_("Name of the contact person"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We send the link to follow your application to this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = TextField(
        label=_("Phone (optional)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    partner_name = TextField(
        label=_("Partner on the other side"),
        max_length=255,
        help_text=_(
            "The Russian partner of a French applicant, the French partner of a Russian one: choose it "
            "from the suggestions or type its name if it is new to the programme."
        ),
        widget=forms.TextInput(attrs={"list": "known-partners", "autocomplete": "off"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the title and description"),
        choices=TEXT_LANGUAGES,
        help_text=_("Write in your own language: the committee translates."),
        widget=forms.RadioSelect,
    )
    title = TextField(label=_("Title of the project"), max_length=400)
    description = TextField(
        multiline=True,
        label=_("Description"),
        max_length=5000,
        help_text=_("What, with whom, for whom, where (5,000 characters at most)."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    planned_text = TextField(
        label=_("Planned dates"),
        max_length=200,
        help_text=_("As you would say it, for example “October 2021” or “second half of 2021”."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.order_by("position", "pk"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one theme.")},
    )
    consent = forms.BooleanField(
        label=_("I agree that the contact details above are processed to examine this application."),
        error_messages={"required": _("Tick this box to send the application: without it we cannot reply.")},
    )
    # The error summary names each field by its label; a sentence-long label by a short one.
    summary_labels = {"consent": _("Consent")}

    # The honeypot: people never see it (see abuse.py and the template); robots fill it in.
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, language="fr", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = language
        self.partner = None

    def known_partner(self, name: str):
        """The partner of the portal whose name, in any language, is `name` once folded."""
        key = folded(name)
        if not key:
            return None
        for partner in Partner.objects.only("pk", "country", "name_fr", "name_ru", "name_en"):
            if key in {
                folded(partner.name_fr or ""),
                folded(partner.name_ru or ""),
                folded(partner.name_en or ""),
            }:
                return partner
        return None

    def clean(self):
        data = super().clean()
        name, country = data.get("partner_name"), data.get("country")
        if name:
            self.partner = self.known_partner(name)
            if self.partner is not None and country and self.partner.country == country:
                self.add_error(
                    "partner_name",
                    _("%(name)s is on your side: name your partner in the other country.")
                    % {"name": self.partner.name},
                )
        return data


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason given to the applicant"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Sent by e-mail to the applicant and shown on their tracking page."),
    )


GROUPED_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


def annotate(form: forms.Form) -> list[dict]:
    """Tie each field to its hint and error (aria-describedby, aria-invalid) and return the error
    summary: one entry per error, each with the id of the control it leads to (the gov.uk pattern).
    Grouped controls (radios, checkboxes) carry theirs on their fieldset, in the template."""
    summary = [{"anchor": "", "message": message} for message in form.non_field_errors()]
    short_labels = getattr(form, "summary_labels", {})
    for bound in form:
        if bound.is_hidden or bound.name == "website":
            continue
        grouped = isinstance(bound.field.widget, GROUPED_WIDGETS)
        control_id = f"{bound.auto_id}_0" if grouped else bound.auto_id
        described = [f"{bound.auto_id}-hint"] if bound.help_text else []
        if bound.errors:
            described.append(f"{bound.auto_id}-error")
            summary.extend(
                {"anchor": control_id, "label": short_labels.get(bound.name, bound.label), "message": message}
                for message in bound.errors
            )
        if not grouped:
            if described:
                bound.field.widget.attrs["aria-describedby"] = " ".join(described)
            if bound.errors:
                bound.field.widget.attrs["aria-invalid"] = "true"
        bound.described_by = " ".join(described)
    return summary
