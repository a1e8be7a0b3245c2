"""sitemap.xml, an index of one sitemap per kind of page: every public page in the three languages,
with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from events.models import Theme
from events.place_selectors import public_pairs, public_partners, public_territories
from events.selectors import published_projects


class I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = 3000  # addresses per file: a large programme is split into pages listed by /sitemap.xml


class StaticPages(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return ["home", "events:project-list", "events:calendar", "events:whats-new"]

    def location(self, item):
        return reverse(item)


class Projects(I18nSitemap):
    def items(self):
        return published_projects().order_by("id")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # Django would call lastmod() on every project to find the latest one.
        return published_projects().aggregate(latest=Max("updated_at"))["latest"]


class Themes(I18nSitemap):
    def items(self):
        return Theme.objects.all()


class Territories(I18nSitemap):
    def items(self):
        return public_territories().order_by("slug")


class Partners(I18nSitemap):
    def items(self):
        return public_partners().order_by("slug")


class Pairs(I18nSitemap):
    def items(self):
        return public_pairs().order_by("slug")


SITEMAPS = {
    "pages": StaticPages,
    "projects": Projects,
    "themes": Themes,
    "territories": Territories,
    "partners": Partners,
    "pairs": Pairs,
}
