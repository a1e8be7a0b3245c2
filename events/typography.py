"""The typographic rules of each language, as checks and as the fix that satisfies them.

French puts a non-breaking space before a colon and a narrow one before ; ! ? and inside « »;
Russian binds initials to the surname, № to its number, the em dash to the word before it and a
number to its unit or month; both bind a day to its month and a year to what follows. English uses
one apostrophe, the typographic ’. `problems()` lists what breaks a rule (tests/events/test_typography.py
runs it over the fixtures and the catalogues); `typeset()` applies the rules to a text.

Non-breaking spaces are typography only: search (events.search.fold) and date parsing
(events.periods) read them as spaces.
"""

import re

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space

FRENCH_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
_MONTH = "|".join(FRENCH_MONTHS)
RUSSIAN_MONTHS = (
    "январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь|"
    "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
)
RUSSIAN_UNITS = r"года|году|год|гг\.|г\.|км|кг|га|м²|м|%|тыс\.|млн|млрд|руб\.|евро|человек"

# (name, pattern of a fault, replacement that removes it) per language, applied in order. Patterns
# capture what surrounds the fault so that a replacement can keep it.
RULES = {
    "fr": [
        ("space before a colon", re.compile(r"(\S) (:)"), rf"\1{NBSP}\2"),
        ("no space before a colon", re.compile(r"([^\W\d_)»”])(:)(?=\s|$)"), rf"\1{NBSP}\2"),
        ("space before ; ! ?", re.compile(r"(\S) ([;!?])"), rf"\1{NNBSP}\2"),
        ("no space before ; ! ?", re.compile(r"([^\W_)»”])([;!?])(?=\s|$)"), rf"\1{NNBSP}\2"),
        ("no non-breaking space after «", re.compile(r"(«) ?(?=[^\u00a0\u202f])"), rf"\1{NNBSP}"),
        ("no non-breaking space before »", re.compile(r"(?<=[^\u00a0\u202f]) ?(»)"), rf"{NNBSP}\1"),
        (
            "space between a day and its month",
            re.compile(rf"\b(\d{{1,2}}(?:er)?) ((?:{_MONTH})\b)"),
            rf"\1{NBSP}\2",
        ),
        (
            "space between a month and its year",
            re.compile(rf"\b({_MONTH}) (\d{{4}})\b", re.I),
            rf"\1{NBSP}\2",
        ),
    ],
    "ru": [
        ("space after an initial", re.compile(r"(?<![А-Яа-яЁёA-Za-z])([А-ЯЁ]\.) ?(?=[А-ЯЁ])"), rf"\1{NBSP}"),
        ("space after им.", re.compile(r"\b(им\.) (?=[А-ЯЁ])"), rf"\1{NBSP}"),
        ("space after №", re.compile(r"(№) ?(?=\d)"), rf"\1{NBSP}"),
        ("space before an em dash", re.compile(r"(\S) (—)"), rf"\1{NBSP}\2"),
        (
            "space between a number and its unit",
            re.compile(rf"(\d) ((?:{RUSSIAN_UNITS})(?![А-Яа-яЁё]))"),
            rf"\1{NBSP}\2",
        ),
        (
            "space between a day and its month",
            re.compile(rf"\b(\d{{1,2}}) ((?:{RUSSIAN_MONTHS})\b)"),
            rf"\1{NBSP}\2",
        ),
        (
            "space between a month and its year",
            re.compile(rf"\b({RUSSIAN_MONTHS}) (\d{{4}})\b", re.I),
            rf"\1{NBSP}\2",
        ),
        ("space inside т. д.", re.compile(r"\b(т\.) (?=[дпе]\.)"), rf"\1{NBSP}"),
    ],
    "en": [
        ("straight apostrophe", re.compile(r"(?<=\w)'"), "’"),
    ],
}


def problems(text: str, lang: str) -> list[str]:
    """Every rule of `lang` that `text` breaks, with the place where it does."""
    found = []
    for name, pattern, _replacement in RULES.get(lang, ()):
        for match in pattern.finditer(text):
            start = max(match.start() - 15, 0)
            found.append(f"{name}: …{text[start : match.end() + 15]}…")
    return found


def typeset(text: str, lang: str) -> str:
    """`text` with the rules of `lang` applied."""
    for _name, pattern, replacement in RULES.get(lang, ()):
        text = pattern.sub(replacement, text)
    return text
