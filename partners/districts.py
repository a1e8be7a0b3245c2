"""Russia's eight federal districts and the federal subjects of the programme in each.

The districts group the subjects for statistics (the Year in figures). A subject added to the
programme later and missing here is counted under "district not recorded" until it is added; a
test checks that every Russian subject of the official programme has its district.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FederalDistrict(models.TextChoices):
    CENTRAL = "central", _("Central Federal District")
    NORTHWESTERN = "northwestern", _("Northwestern Federal District")
    SOUTHERN = "southern", _("Southern Federal District")
    NORTH_CAUCASIAN = "north-caucasian", _("North Caucasian Federal District")
    VOLGA = "volga", _("Volga Federal District")
    URAL = "ural", _("Ural Federal District")
    SIBERIAN = "siberian", _("Siberian Federal District")
    FAR_EASTERN = "far-eastern", _("Far Eastern Federal District")


# By the slug of the federal subject (Territory.slug).
DISTRICT_OF_SUBJECT = {
    "moscou": FederalDistrict.CENTRAL,
    "oblast-moscou": FederalDistrict.CENTRAL,
    "oblast-iaroslavl": FederalDistrict.CENTRAL,
    "oblast-kalouga": FederalDistrict.CENTRAL,
    "oblast-riazan": FederalDistrict.CENTRAL,
    "oblast-smolensk": FederalDistrict.CENTRAL,
    "oblast-voronej": FederalDistrict.CENTRAL,
    "saint-petersbourg": FederalDistrict.NORTHWESTERN,
    "oblast-leningrad": FederalDistrict.NORTHWESTERN,
    "oblast-kaliningrad": FederalDistrict.NORTHWESTERN,
    "oblast-novgorod": FederalDistrict.NORTHWESTERN,
    "oblast-pskov": FederalDistrict.NORTHWESTERN,
    "oblast-vologda": FederalDistrict.NORTHWESTERN,
    "krai-krasnodar": FederalDistrict.SOUTHERN,
    "oblast-astrakhan": FederalDistrict.SOUTHERN,
    "oblast-rostov": FederalDistrict.SOUTHERN,
    "oblast-volgograd": FederalDistrict.SOUTHERN,
    "krai-stavropol": FederalDistrict.NORTH_CAUCASIAN,
    "ossetie-du-nord": FederalDistrict.NORTH_CAUCASIAN,
    "krai-perm": FederalDistrict.VOLGA,
    "oblast-nijni-novgorod": FederalDistrict.VOLGA,
    "oblast-oulianovsk": FederalDistrict.VOLGA,
    "oblast-samara": FederalDistrict.VOLGA,
    "oudmourtie": FederalDistrict.VOLGA,
    "tatarstan": FederalDistrict.VOLGA,
    "oblast-sverdlovsk": FederalDistrict.URAL,
    "oblast-irkoutsk": FederalDistrict.SIBERIAN,
    "oblast-novossibirsk": FederalDistrict.SIBERIAN,
    "oblast-tomsk": FederalDistrict.SIBERIAN,
    "oblast-amour": FederalDistrict.FAR_EASTERN,
}
