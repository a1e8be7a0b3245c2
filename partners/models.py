"""Places and the organisations that cooperate: territories, partners and partner pairs."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Country(models.TextChoices):
    FRANCE = "FR", _("France")
    RUSSIA = "RU", _("Russia")


class TerritoryKind(models.TextChoices):
    COUNTRY = "country", _("country")
    REGION = "region", _("French region")
    DEPARTMENT = "department", _("French département")
    FEDERAL_CITY = "federal_city", _("federal city")
    OBLAST = "oblast", _("oblast")
    KRAI = "krai", _("krai")
    REPUBLIC = "republic", _("republic")
    CITY = "city", _("city")
    VILLAGE = "village", _("village")
    AREA = "area", _("area")


# The first administrative level below the country, the one the public browses by.
TOP_LEVEL_KINDS = (
    TerritoryKind.REGION,
    TerritoryKind.FEDERAL_CITY,
    TerritoryKind.OBLAST,
    TerritoryKind.KRAI,
    TerritoryKind.REPUBLIC,
)


class Territory(models.Model):
    """A place: a country, a French region or département, a Russian federal subject, a city."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=TerritoryKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5)
    alternative_names = models.TextField(
        _("alternative spellings"),
        blank=True,
        help_text=_("One per line: other transliterations, former names, grammatical forms. Used by search."),
    )

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__gte=-90, latitude__lte=90)
                & models.Q(longitude__gte=-180, longitude__lte=180),
                name="territory_coordinates_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="country", parent__isnull=True) | ~models.Q(kind="country"),
                name="territory_country_has_no_parent",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:territory-detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.parent_id and self.parent.country != self.country:
            raise ValidationError({"parent": _("A territory lies in the same country as its parent.")})
        if self.kind != TerritoryKind.COUNTRY and self.parent_id is None:
            raise ValidationError({"parent": _("Every territory except a country belongs to another one.")})

    @property
    def filter_parameter(self) -> str | None:
        """The project list's parameter that selects this place: `region` for a French region,
        `territory` for any other place, none for a whole country. Every link to a place's
        projects (its page, its mini-map, the map) follows this one rule."""
        if self.kind == TerritoryKind.COUNTRY:
            return None
        return "region" if self.kind == TerritoryKind.REGION else "territory"

    def lineage(self) -> list["Territory"]:
        """This territory and the ones it belongs to, up to (not including) its country."""
        chain, territory = [], self
        while territory is not None and territory.kind != TerritoryKind.COUNTRY:
            chain.append(territory)
            territory = territory.parent
        return chain

    @property
    def alternative_names_list(self):
        return [line.strip() for line in self.alternative_names.splitlines() if line.strip()]


class PartnerKind(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", _("local authority")
    REGIONAL_AUTHORITY = "regional_authority", _("regional authority")
    UNIVERSITY = "university", _("university or school")
    RESEARCH = "research", _("research institution")
    CULTURAL = "cultural", _("cultural institution")
    ASSOCIATION = "association", _("association or federation")
    BUSINESS = "business", _("business organisation")
    STATE = "state", _("state body")
    DIPLOMATIC = "diplomatic", _("diplomatic service")
    OTHER = "other", _("other")


class Partner(models.Model):
    """A local authority or organisation taking part in projects."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=30, choices=PartnerKind.choices)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory"),
        on_delete=models.PROTECT,
        related_name="partners",
        help_text=_(
            "Where the partner is based; an organisation without a territory of its own "
            "is placed at its city."
        ),
    )

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:partner-detail", kwargs={"slug": self.slug})


class PartnerPair(models.Model):
    """A French partner and a Russian partner that cooperate in at least one project."""

    slug = models.SlugField(max_length=170, unique=True)
    french_partner = models.ForeignKey(
        Partner, verbose_name=_("French partner"), on_delete=models.PROTECT, related_name="pairs_as_french"
    )
    russian_partner = models.ForeignKey(
        Partner, verbose_name=_("Russian partner"), on_delete=models.PROTECT, related_name="pairs_as_russian"
    )
    is_twinning = models.BooleanField(
        _("twinning"), default=False, help_text=_("A formal twinning of the two.")
    )
    twinned_in = models.PositiveSmallIntegerField(
        _("year of twinning"), null=True, blank=True, help_text=_("Leave empty when the year is not known.")
    )

    class Meta:
        verbose_name = _("partner pair")
        verbose_name_plural = _("partner pairs")
        ordering = ["french_partner__name", "russian_partner__name"]
        constraints = [
            models.UniqueConstraint(fields=["french_partner", "russian_partner"], name="unique_partner_pair"),
            models.CheckConstraint(
                condition=models.Q(twinned_in__isnull=True)
                | models.Q(twinned_in__gte=1900, twinned_in__lte=2100),
                name="pair_twinning_year_plausible",
            ),
            models.CheckConstraint(
                condition=~models.Q(french_partner=models.F("russian_partner")), name="pair_has_two_partners"
            ),
        ]

    def __str__(self):
        return f"{self.french_partner} – {self.russian_partner}"

    def get_absolute_url(self):
        return reverse("partners:pair-detail", kwargs={"slug": self.slug})
