"""What the tests of applications share: a filled-in form, as a person would send it."""

import time

from applications.abuse import started_stamp
from events.models import Theme


def form_data(**changes) -> dict:
    """A valid application from Yaroslavl (in Russian) with Nice as the French partner, shown 10 s ago."""
    data = {
        "organisation": "Мэрия города Ярославля",
        "kind": "local_authority",
        "country": "RU",
        "place": "Ярославль",
        "contact_name": "Анна Петрова",
        "email": "anna@example.ru",
        "phone": "+7 4852 00 00 00",
        "partner_name": "Ницца",
        "language": "ru",
        "title": "Дни французского кино в Ярославле",
        "description": "Неделя французского кино с показами и встречами для школьников.",
        "planned_text": "октябрь 2021 года",
        "themes": [str(Theme.objects.get(slug="culture-education").pk)],
        "consent": "on",
        "website": "",
        "started": started_stamp(time.time() - 10),
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}
