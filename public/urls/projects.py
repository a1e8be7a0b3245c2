from django.urls import path
from django.utils.translation import pgettext_lazy

from .. import feeds
from ..views import changes, figures, press
from ..views import projects as views

app_name = "events"

urlpatterns = [
    path(pgettext_lazy("URL", "projects/"), views.project_list, name="project-list"),
    path(pgettext_lazy("URL", "projects/<slug:slug>/"), views.project_detail, name="project-detail"),
    path(pgettext_lazy("URL", "projects/<slug:slug>.pdf"), press.project_sheet, name="project-sheet"),
    path(pgettext_lazy("URL", "programme.pdf"), press.programme_booklet, name="booklet"),
    path(pgettext_lazy("URL", "press/"), press.press_room, name="press"),
    path(pgettext_lazy("URL", "api/"), press.api_reference, name="api-reference"),
    path(pgettext_lazy("URL", "themes/<slug:slug>/"), views.theme_detail, name="theme-detail"),
    path(pgettext_lazy("URL", "calendar/"), views.calendar, name="calendar"),
    path(pgettext_lazy("URL", "embed/"), views.embed, name="embed"),
    path(pgettext_lazy("URL", "figures/"), figures.year_in_figures, name="figures"),
    path(pgettext_lazy("URL", "figures/<slug:chart>.csv"), figures.figures_csv, name="figures-csv"),
    path(pgettext_lazy("URL", "whats-new/"), changes.whats_new, name="whats-new"),
    path(pgettext_lazy("URL", "whats-new/feed/"), changes.WhatsNewFeed(), name="whats-new-feed"),
    path(pgettext_lazy("URL", "feeds/"), feeds.ProgrammeFeed(), name="feed"),
    path(pgettext_lazy("URL", "feeds/themes/<slug:slug>/"), feeds.ThemeFeed(), name="theme-feed"),
    path(
        pgettext_lazy("URL", "feeds/territories/<slug:slug>/"), feeds.TerritoryFeed(), name="territory-feed"
    ),
]
