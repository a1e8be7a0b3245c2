import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def json_ld(data):
    """A schema.org description as a <script type="application/ld+json"> block, safely escaped."""
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(_escaped_json(data)))  # noqa: S308 - escaped above


def _escaped_json(data) -> str:
    # The same escaping as django.utils.html.json_script: no "</script>" can close the block early.
    return json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder).translate(
        {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
    )
