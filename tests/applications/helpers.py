"""What the tests of applications share: a filled-in form, as a person would send it."""

import time
from datetime import date

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


def complete_and_submit(project, editor):
    """What an editor does with an accepted application written in Russian before the committee can
    label it: the French text (the programme's source language), the English one, then submits it."""
    from events import services as workflow

    project.title_fr = "Journées du cinéma français à Iaroslavl"
    project.description_fr = (
        "Une semaine de cinéma français, avec projections et rencontres pour les écoliers."
    )
    project.title_en = "French Film Days in Yaroslavl"
    project.description_en = "A week of French cinema with screenings and meetings for schoolchildren."
    project.planned_start, project.planned_end = date(2021, 10, 1), date(2021, 10, 31)
    project.planned_precision = "month"
    project.save()
    return workflow.submit_for_labelling(project=project, user=editor)
