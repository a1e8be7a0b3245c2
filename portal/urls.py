from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from public import api
from public.sitemaps import SITEMAPS
from public.views import home
from public.views import press as press_views
from public.views import projects as event_views

from . import views

# The admin carries the Year's name in the staff member's language (see templates/admin/base_site.html).
admin.site.site_header = _("Franco-Russian Year of Decentralised Cooperation 2021")
admin.site.site_title = _("Franco-Russian Year of Decentralised Cooperation 2021")
admin.site.index_title = _("Staff desk")

# Addresses without a language: machine-readable formats, short links, health.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("ping", views.ping, name="ping"),
    path("favicon.ico", views.favicon),
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("p/<int:pk>/", event_views.short_link, name="short-link"),
    path("api/projects.json", api.projects_json, name="api-projects"),
    path("api/projects.csv", api.projects_csv, name="api-projects-csv"),
    path("api/projects.xlsx", api.projects_xlsx, name="api-projects-xlsx"),
    path("api/projects.ics", api.projects_ical, name="api-projects-ics"),
    path("api/projects/<int:pk>.ics", api.project_ical, name="api-project-ics"),
    path("api/themes.json", api.themes_json, name="api-themes"),
    path("api/openapi.json", press_views.openapi_json, name="api-openapi"),
    path("api/territories.json", api.territories_json, name="api-territories"),
    path("i18n/", include("django.conf.urls.i18n")),
    path(settings.ADMIN_URL, admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", home.home, name="home"),
    path("", include("public.urls.projects")),
    path("", include("public.urls.places")),
    path("", include("public.urls.about")),
    path("", include("applications.urls")),
    prefix_default_language=True,
)

handler400 = "portal.views.bad_request"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
