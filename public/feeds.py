"""Atom feeds of newly published projects: the whole programme, one theme, one territory.

They live under the language prefix, so each language has its own feeds.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from events import selectors
from events.models import Theme
from events.place_selectors import public_territories

FEED_LENGTH = 50


class ProgrammeFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # The feed generator writes hundreds of small pieces; one body is one send() for the server.
        response.content = response.content
        return response

    def title(self, obj=None):
        return _("Franco-Russian Year of Decentralised Cooperation: new projects")

    def subtitle(self, obj=None):
        return _("Projects newly published in the programme.")

    def link(self, obj=None):
        return reverse("events:project-list")

    def projects(self, obj):
        return selectors.published_projects()

    def items(self, obj=None):
        return selectors.with_relations(self.projects(obj)).order_by("-published_at", "-id")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        partners = f"{item.french_partner_names} ↔ {item.russian_partner_names}"
        text = Truncator(item.description).words(80) if item.description else ""
        status = " · ".join(line for line in (item.event_status_display, item.attendance_display) if line)
        status = f"{status}. " if status else ""
        return f"{status}{partners}. {item.planned_display.capitalize()}. {text}".strip()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]


class SubjectFeed(ProgrammeFeed):
    """The feed of one theme or territory, found by its slug, linking to its page."""

    def subjects(self):
        """Where the subject is looked up: themes, or the public places only."""
        raise NotImplementedError

    def get_object(self, request, slug):
        return get_object_or_404(self.subjects(), slug=slug)

    def link(self, obj=None):
        return obj.get_absolute_url()


class ThemeFeed(SubjectFeed):
    def subjects(self):
        return Theme.objects.all()

    def title(self, obj=None):
        return _("New projects: %(theme)s") % {"theme": obj.name}

    def projects(self, obj):
        return selectors.published_projects().filter(themes=obj)


class TerritoryFeed(SubjectFeed):
    def subjects(self):
        return public_territories()

    def title(self, obj=None):
        return _("New projects: %(territory)s") % {"territory": obj.name}

    def projects(self, obj):
        return selectors.published_projects().filter(territories=obj)
