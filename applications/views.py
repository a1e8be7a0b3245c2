"""The public side of applications: the form, its acknowledgement, the applicant's tracking page."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from events.place_selectors import public_partners, public_territories

from . import abuse, services
from .forms import ApplicationForm, annotate


def _client_address(request) -> str | None:
    # The one rule of who the client is behind the reverse proxy, the one django-axes uses too.
    return import_string(settings.AXES_CLIENT_IP_CALLABLE)(request)


def _render_form(request, form, status=200):
    summary = annotate(form) if form.is_bound else []
    context = {
        "form": form,
        "error_summary": summary,
        "known_partners": public_partners().order_by("name").values_list("name", flat=True).distinct(),
        "known_places": public_territories().order_by("name").values_list("name", flat=True).distinct(),
    }
    return render(request, "applications/apply.html", context, status=status)


def _refusal(request, template, status, **headers):
    response = render(request, template, {}, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request):
    language = translation.get_language()
    if request.method == "GET":
        return _render_form(
            request, ApplicationForm(initial={"started": abuse.started_stamp()}, language=language)
        )
    address = _client_address(request)
    if not abuse.attempts_left(address):
        return _refusal(request, "applications/too_many.html", 429, **{"Retry-After": "3600"})
    if int(request.META.get("CONTENT_LENGTH") or 0) > settings.APPLICATION_MAX_BODY:
        return _refusal(request, "applications/too_large.html", 413)
    data = request.POST.copy()
    elapsed = abuse.seconds_since(data.get("started", ""))
    caught = bool(data.get("website"))
    data["website"] = ""
    if elapsed is None:
        data["started"] = abuse.started_stamp()
    form = ApplicationForm(data, language=language)
    valid = form.is_valid()
    if caught:
        abuse.count_attempt(address)
        form.add_error(None, _("Your application could not be sent as it was. Check it and send it again."))
    elif elapsed is None:
        form.add_error(
            None,
            _(
                "This form has expired or was altered. Your answers are kept below: check them and send "
                "again."
            ),
        )
    elif abuse.is_too_fast(elapsed):
        form.add_error(
            None,
            _(
                "The form was sent too quickly to have been filled in by a person. Wait a few seconds, "
                "then send it again."
            ),
        )
    elif valid:
        services.receive_application(
            data=form.cleaned_data,
            partner=form.partner,
            interface_language=language,
            base_url=request.build_absolute_uri("/"),
        )
        abuse.count_attempt(address)
        return redirect("applications:received")
    return _render_form(request, form, status=400)


def received(request):
    return render(request, "applications/received.html")


def _private(response):
    """The tracking page is for its holder only: never stored by a cache, never indexed, and its
    address (which holds the token) never sent to the sites it links to."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_http_methods(["GET", "HEAD"])
def track(request, token):
    application = services.application_for_token(token)
    if application is None:
        return _private(render(request, "applications/track_invalid.html", status=404))
    return _private(render(request, "applications/track.html", {"application": application}))
