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
MIN_STEM_LENGTH = 3


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
    variants |= {to_latin(v) for v in variants}
    # A shorter variant already matches everything a longer one starting with it would.
    return {v for v in variants if not any(o != v and v.startswith(o) for o in variants)}


def query_words(query: str) -> list[str]:
    return fold((query or "")[:MAX_QUERY_LENGTH]).split()[:MAX_QUERY_WORDS]


def matches(field: str, words: list[str]) -> Q:
    """A Q that holds when every query word has a variant starting a word of `field`."""
    condition = Q()
    for word in words:
        any_variant = Q()
        for variant in word_variants(word):
            any_variant |= Q(**{f"{field}__contains": f" {variant}"})
        condition &= any_variant
    return condition
