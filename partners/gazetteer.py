"""The vendored gazetteer: French communes and Russian towns with their coordinates and names.

Built by scripts/build_gazetteer.py from registry packages (docs/staff-guide.md, "Adding a place",
names the sources and their licences); read once per process, never fetched at run time. A name is
found whatever its case, accents, apostrophes, hyphens or script ("lemere", "Ярославль",
"Iaroslavl" and "Yaroslavl" all work).
"""

import gzip
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import iuliia

DATA = Path(__file__).resolve().parent / "data" / "gazetteer.tsv.gz"
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case, no accents, Latin letters, every run of non-letters (apostrophes straight or
    curly, hyphens, spaces) one space: the key under which two spellings of a name meet."""
    text = unicodedata.normalize("NFKD", (text or "").casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    if _CYRILLIC.search(text):
        text = iuliia.WIKIPEDIA.translate(text).casefold()
    return _NON_WORD.sub(" ", text).replace("_", " ").strip()


@dataclass(frozen=True)
class Place:
    country: str
    name_fr: str
    name_ru: str
    name_en: str
    latitude: Decimal
    longitude: Decimal
    is_approximate: bool
    department: str
    region: str
    postcode: str

    @property
    def label(self) -> str:
        """How a list of suggestions shows it: "Lémeré (Indre-et-Loire)", "Ярославль (Yaroslavl)"."""
        if self.country == "FR":
            return f"{self.name_fr} ({self.department})"
        return f"{self.name_ru} ({self.name_en})"

    @property
    def key(self) -> str:
        """A stable identifier of the place in the gazetteer (for a form's hidden field)."""
        return f"{self.country}:{self.name_fr}:{self.postcode or self.name_en}"

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "country": self.country,
            "name_fr": self.name_fr,
            "name_ru": self.name_ru or self.name_fr,
            "name_en": self.name_en,
            "latitude": str(self.latitude),
            "longitude": str(self.longitude),
            "approximate": self.is_approximate,
            "department": self.department,
            "region": self.region,
        }


@lru_cache(maxsize=1)
def _places() -> tuple[list[Place], dict[str, list[Place]]]:
    places, index = [], {}
    with gzip.open(DATA, "rt", encoding="utf-8") as rows:
        for row in rows:
            country, fr, ru, en, lat, lon, approx, dep, region, postcode = row.rstrip("\n").split("\t")
            place = Place(
                country, fr, ru, en, Decimal(lat), Decimal(lon), approx == "1", dep, region, postcode
            )
            places.append(place)
            for key in {fold(name) for name in (fr, ru, en) if name}:
                index.setdefault(key, []).append(place)
    return places, index


def _order(place: Place):
    return (place.is_approximate, place.name_fr)


def find(name: str, *, country: str | None = None) -> list[Place]:
    """The places whose name (in any language) is `name`, folded; several when homonyms exist."""
    found = _places()[1].get(fold(name), [])
    return sorted((p for p in found if country in (None, p.country)), key=_order)


def resolve(text: str, *, country: str | None = None) -> Place | None:
    """The place a person means by `text`: a label as the suggestions show it ("Saint-Aubin
    (Jura)"), else a name (the first of its homonyms)."""
    homonyms = find(text.split(" (")[0], country=country)
    return next((p for p in homonyms if p.label == text.strip()), None) or (homonyms or [None])[0]


def by_key(key: str) -> Place | None:
    """The place a form chose earlier (see Place.key)."""
    country, name_fr, _rest = [*key.split(":", 2), "", ""][:3]
    return next((p for p in find(name_fr, country=country) if p.key == key), None)


def search(query: str, *, country: str | None = None, limit: int = 10) -> list[Place]:
    """Places whose folded name starts with the folded query, exact names first."""
    folded = fold(query)
    if len(folded) < 2:
        return []
    exact = find(query, country=country)
    index = _places()[1]
    starting = sorted(
        {
            place
            for name, places in index.items()
            if name.startswith(folded) and name != folded
            for place in places
            if country in (None, place.country)
        },
        key=lambda p: (len(p.name_fr), _order(p)),
    )
    return (exact + [p for p in starting if p not in exact])[:limit]
