"""The programme for reuse: JSON API, CSV and iCalendar, with the list page's filters.

Not language-prefixed, GET and HEAD only. The project package makes every response readable from
other origins (CORS, 304s included) and gives it validators that change whenever the body would:
an ETag of the body and a Last-Modified of the last change to any content (portal.middleware).
"""

from django import forms
from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.http import HttpResponse, JsonResponse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from events import selectors
from events.documents import project_document, territory_document, translations
from events.models import Theme
from events.place_selectors import public_territories

from .exports import programme_csv, programme_ical, programme_xlsx
from .filters import ProjectFilter

MAX_PAGE_SIZE = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# GET and HEAD; CORS and validators come from portal.middleware.ReuseMiddleware.
reusable = require_safe


class PageForm(forms.Form):
    page = forms.IntegerField(min_value=1, required=False)
    page_size = forms.IntegerField(min_value=1, max_value=MAX_PAGE_SIZE, required=False)
    lang = forms.ChoiceField(choices=settings.LANGUAGES, required=False)


class SyncForm(forms.Form):
    updated_since = forms.DateTimeField(
        required=False,
        error_messages={"invalid": _("Enter an instant as ISO 8601, e.g. 2021-05-03T12:00:00+02:00.")},
    )

    def clean_updated_since(self):
        value = self.cleaned_data["updated_since"]
        if value and not 2000 <= value.year <= 2100:
            raise forms.ValidationError(self.fields["updated_since"].error_messages["invalid"])
        return value


def bad_request(errors) -> JsonResponse:
    return JsonResponse({"errors": errors}, status=400, json_dumps_params={"ensure_ascii": False})


def filtered(request):
    """(projects, page options, None) for valid parameters, (None, None, errors) otherwise."""
    filterset = ProjectFilter(request.GET, queryset=selectors.published_projects(), request=request)
    page_form = PageForm(request.GET)
    if not filterset.is_valid() or not page_form.is_valid():
        errors = {**filterset.form.errors.get_json_data(), **page_form.errors.get_json_data()}
        return None, None, {name: [e["message"] for e in messages] for name, messages in errors.items()}
    return selectors.with_relations(filterset.qs), page_form.cleaned_data, None


@reusable
def projects_json(request):
    projects, options, errors = filtered(request)
    sync = SyncForm(request.GET)
    if errors or not sync.is_valid():
        return bad_request({**(errors or {}), **{k: list(v) for k, v in sync.errors.items()}})
    since = sync.cleaned_data["updated_since"]
    as_of = timezone.now()
    if since:
        projects = projects.filter(updated_at__gte=since)
    paginator = Paginator(projects, options["page_size"] or 50, allow_empty_first_page=True)
    try:
        page = paginator.page(options["page"] or 1)
    except EmptyPage:
        return JsonResponse({"errors": {"page": [f"There is no page {options['page']}."]}}, status=404)

    def link(number):
        params = request.GET.copy()
        params["page"] = number
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    document = {
        "count": paginator.count,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
        "results": [project_document(p) for p in page],
    }
    if since:
        # Withdrawn projects are listed whatever the filters: a reuser cannot tell which they matched.
        document["as_of"] = as_of.isoformat()
        document["removed"] = selectors.left_programme_since(since)
    return JsonResponse(document, json_dumps_params={"ensure_ascii": False})


@reusable
def themes_json(request):
    themes = [
        {"slug": t.slug, "name": translations(t, "name"), "description": translations(t, "description")}
        for t in Theme.objects.all()
    ]
    return JsonResponse({"count": len(themes), "results": themes}, json_dumps_params={"ensure_ascii": False})


@reusable
def territories_json(request):
    territories = [
        {
            **territory_document(t),
            "parent": t.parent.slug if t.parent else None,
            "latitude": float(t.latitude),
            "longitude": float(t.longitude),
        }
        for t in public_territories().select_related("parent").order_by("country", "slug")
    ]
    return JsonResponse(
        {"count": len(territories), "results": territories}, json_dumps_params={"ensure_ascii": False}
    )


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=False, filename=filename)
    return response


@reusable
def projects_csv(request):
    projects, _options, errors = filtered(request)
    if errors:
        return bad_request(errors)
    base_url = request.build_absolute_uri("/").rstrip("/")
    return _download(programme_csv(projects, base_url), "text/csv; charset=utf-8", "programme-2021.csv")


@reusable
def projects_xlsx(request):
    projects, _options, errors = filtered(request)
    if errors:
        return bad_request(errors)
    base_url = request.build_absolute_uri("/").rstrip("/")
    return _download(programme_xlsx(projects, base_url), XLSX, "programme-2021.xlsx")


@reusable
def projects_ical(request):
    projects, options, errors = filtered(request)
    if errors:
        return bad_request(errors)
    lang = options["lang"] or settings.LANGUAGE_CODE
    base_url = request.build_absolute_uri("/").rstrip("/")
    with translation.override(lang):
        name = translation.gettext("Franco-Russian Year of Decentralised Cooperation 2021")
    body = programme_ical(projects, lang=lang, base_url=base_url, name=name)
    return _download(body, "text/calendar; charset=utf-8", "programme-2021.ics")


@reusable
def project_ical(request, pk):
    form = PageForm(request.GET)
    if not form.is_valid():
        return bad_request({k: list(v) for k, v in form.errors.items()})
    project = selectors.with_relations(selectors.published_projects()).filter(pk=pk).first()
    if project is None:
        return JsonResponse({"errors": {"id": [_("No published project has this number.")]}}, status=404)
    base_url = request.build_absolute_uri("/").rstrip("/")
    body = programme_ical(
        [project],
        lang=form.cleaned_data["lang"] or settings.LANGUAGE_CODE,
        base_url=base_url,
        name=project.title_fr,
    )
    return _download(body, "text/calendar; charset=utf-8", f"{project.slug}.ics")
