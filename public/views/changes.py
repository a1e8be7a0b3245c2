"""What's new: the programme's dated changes (published, rescheduled, postponed, cancelled, moved
online, withdrawn), with the list's filters, as a page and an Atom feed."""

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from events import selectors
from events.models import ChangeKind

from .projects import BadPage, error_summary, paginate, validated_filters, without_empty_parameters

CHANGES_PER_PAGE = 30
FEED_LENGTH = 50


def changes_for(request):
    """(filterset, errors, changes) for the list's filters in the query string, applied to every
    project once public (a withdrawn one shows its withdrawal)."""
    filterset, errors = validated_filters(request, selectors.addressable_projects())
    if not filterset.active():
        return filterset, errors, selectors.public_changes()  # no filter: no subquery at all
    return filterset, errors, selectors.public_changes(filterset.qs)


def whats_new(request):
    if clean := without_empty_parameters(request):
        return clean
    filterset, errors, changes = changes_for(request)
    status = 400 if errors else 200
    try:
        page = paginate(request, changes, per_page=CHANGES_PER_PAGE)
    except BadPage as exc:
        errors = {**errors, "page": [str(exc)]}
        page, status = Paginator(changes, CHANGES_PER_PAGE).page(1), 400
    query = filterset.clean_query(drop=("page", "sort")).urlencode()
    context = {
        "filter": filterset,
        "page_obj": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "active_filters": filterset.chips(),
        "filter_summary": filterset.summary(),
        "error_summary": error_summary(filterset, errors),
        "feed_url": reverse("events:whats-new-feed") + (f"?{query}" if query else ""),
        "list_url": reverse("events:project-list") + (f"?{query}" if query else ""),
        "withdrawn": ChangeKind.WITHDRAWN,
    }
    return render(request, "public/whats_new.html", context, status=status)


class WhatsNewFeed(Feed):
    """The changes of What's new as Atom, for any selection of the list's filters."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        filterset, errors, _changes = changes_for(request)
        if errors:
            reason = " ".join(f"{e['label']}: {e['messages']}" for e in error_summary(filterset, errors))
            return render(request, "400.html", {"reason": reason}, status=400)
        response = super().__call__(request, *args, **kwargs)
        response.content = response.content  # one body, one send()
        return response

    def get_object(self, request, *args, **kwargs):
        self._request = request
        return changes_for(request)

    def title(self, obj):
        filterset = obj[0]
        summary = filterset.summary()
        title = _("Franco-Russian Year of Decentralised Cooperation: what’s new")
        return f"{title} – {summary}" if summary else title

    def subtitle(self, obj):
        return _("Projects added, rescheduled, postponed, cancelled, moved online or withdrawn.")

    def link(self, obj):
        query = obj[0].clean_query(drop=("page", "sort")).urlencode()
        return reverse("events:whats-new") + (f"?{query}" if query else "")

    def items(self, obj):
        return obj[2][:FEED_LENGTH]

    def item_title(self, item):
        return f"{item.summary} – {item.project.title}"

    def item_description(self, item):
        if item.kind == ChangeKind.WITHDRAWN:
            return item.summary
        return item.note or item.summary

    def item_link(self, item):
        if item.kind == ChangeKind.WITHDRAWN:  # the 410 page, which lists no change (one per project)
            return item.project.get_absolute_url()
        return f"{item.project.get_absolute_url()}#change-{item.pk}"

    def item_pubdate(self, item):
        return item.recorded_at

    def item_updateddate(self, item):
        return item.recorded_at
