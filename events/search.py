"""Search that ignores case, accents, script and grammatical endings, in three languages at once.

Each project stores a *search document*: its titles, descriptions, partners and territories in
French, Russian and English plus the territories' alternative spellings, folded (lower case, no
accents) and with every Cyrillic word also written in Latin letters. A query word matches when
one of its variants (the word, its French/English/Russian stems, their transliterations) starts a
word of the document. So "Ярославль", "Iaroslavl", "Yaroslavl" and "iaroslavl" meet on the
stored alternative spellings, and "кружево" finds "кружева" through its Russian stem.
"""

import re
import unicodedata
from functools import lru_cache

import iuliia
import snowballstemmer
from django.db.models import Q

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_STEMMERS = {lang: snowballstemmer.stemmer(lang) for lang in ("french", "english", "russian")}

# Longest query we look at: beyond it, words are ignored rather than making the query slow.
MAX_QUERY_WORDS = 8
MAX_QUERY_LENGTH = 200
# A stem shorter than this starts too many unrelated words ("нов" for новый: Новгород, Новосибирск):
# it is looked for as a whole word with a short ending instead (see short_stems).
MIN_STEM_LENGTH = 4
# A Latin spelling of a short Cyrillic word is often a French or English word: "лес" (forest)
# would find every "les", "дом" every "domaine". Only longer words are looked for across scripts.
MIN_TRANSLITERATED_LENGTH = 5

# Words that say nothing about a project, in the three languages, as fold() writes them. A query
# keeps them only when it has nothing else ("le", "и" alone still search).
STOP_WORDS = frozenset(
    " ".join(
        (
            "a au aux avec d de des du en et l la le les ou par pour qu que qui sur un une dans",  # French
            "an and at by for in of on or the to with",  # English
            "а в во да для до за и из к ко на но о об от по с со у",  # Russian
        )
    ).split()
)


@lru_cache(maxsize=1024)
def _fold_char(ch: str) -> str:
    if ch == "й":  # a letter of its own in Russian, not и with an accent
        return ch
    return "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower-case, remove accents (é→e, ё→е), turn every non-letter run into one space."""
    text = "".join(_fold_char(ch) for ch in unicodedata.normalize("NFC", (text or "").casefold()))
    return _NON_WORD.sub(" ", text).replace("_", " ").strip()


@lru_cache(maxsize=4096)
def to_latin(word: str) -> str:
    """A folded Latin spelling of a (folded) Cyrillic word; Latin words come back unchanged."""
    if not _CYRILLIC.search(word):
        return word
    return fold(iuliia.WIKIPEDIA.translate(word))


def build_document(texts) -> str:
    """The stored search text: folded words, each Cyrillic word followed by its Latin spelling.

    Starts and ends with a space so that a word-start match is a plain `contains(" " + variant)`.
    """
    words = fold(" ".join(t for t in texts if t)).split()
    out = []
    for word in words:
        out.append(word)
        latin = to_latin(word)
        if latin != word:
            out.append(latin)
    return " " + " ".join(out) + " "


def word_variants(word: str) -> set[str]:
    """Every form under which a folded query word may appear at the start of a document word."""
    variants = {word}
    for stemmer in _STEMMERS.values():
        stem = stemmer.stemWord(word)
        if len(stem) >= MIN_STEM_LENGTH:
            variants.add(stem)
    variants |= {to_latin(v) for v in variants if len(v) >= MIN_TRANSLITERATED_LENGTH}
    # A shorter variant already matches everything a longer one starting with it would.
    return {v for v in variants if not any(o != v and v.startswith(o) for o in variants)}


def short_stems(word: str) -> set[str]:
    """Stems too short to be looked for as prefixes (see MIN_STEM_LENGTH), which are looked for as
    whole words with a short ending instead: "нов" finds новых and новая, not Новгород."""
    stems = {stemmer.stemWord(word) for stemmer in _STEMMERS.values()}
    return {stem for stem in stems if 3 <= len(stem) < MIN_STEM_LENGTH and stem != word}


def query_words(query: str) -> list[str]:
    """The words of a query that are looked for: folded, without stop words unless only those."""
    words = fold((query or "")[:MAX_QUERY_LENGTH]).split()
    meaningful = [word for word in words if word not in STOP_WORDS]
    return (meaningful or words)[:MAX_QUERY_WORDS]


def matches(field: str, words: list[str]) -> Q:
    """A Q that holds when every query word has a variant starting a word of `field`."""
    condition = Q()
    for word in words:
        any_variant = Q()
        for variant in word_variants(word):
            any_variant |= Q(**{f"{field}__contains": f" {variant}"})
        for stem in short_stems(word):
            any_variant |= Q(**{f"{field}__regex": f" {re.escape(stem)}[^ ]{{0,3}} "})
        condition &= any_variant
    return condition
