from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import translate_url

OG_LOCALES = {"fr": "fr_FR", "ru": "ru_RU", "en": "en_GB"}


def site(request):
    """Language alternates of the current page (same filters) and its canonical address."""
    path = request.get_full_path()
    try:
        request.get_host()
        absolute = request.build_absolute_uri
    except DisallowedHost:  # the 400 page answering a forged Host header: no address built from it
        absolute = str
    alternates = []
    for code, name in settings.LANGUAGES:
        url = translate_url(path, code)
        alternates.append({"code": code, "name": name, "url": url, "absolute_url": absolute(url)})
    return {
        "language_alternates": alternates,
        "canonical_url": absolute(path),
        "site_origin": absolute("/").rstrip("/"),
        "programme_year": settings.PROGRAMME_YEAR,
        "og_locale": OG_LOCALES.get(getattr(request, "LANGUAGE_CODE", ""), "fr_FR"),
    }
