import json

from django.core.management.base import BaseCommand
from django.db.models import F

from events.backup import export_programme_json
from events.documents import programme_document
from events.selectors import published_projects, with_relations


class Command(BaseCommand):
    help = (
        "Print every published project as JSON, the same document as /api/projects.json; with --all, "
        "the full export of the programme (every status, the workflow log, partners, places), which "
        "`load_programme --from` restores."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", dest="everything", help="The full export, to keep and restore."
        )

    def handle(self, *args, everything=False, **options):
        if everything:
            self.stdout.write(export_programme_json())
            return
        projects = with_relations(published_projects()).order_by(F("reference").asc(nulls_last=True), "id")
        self.stdout.write(json.dumps(programme_document(projects), ensure_ascii=False, indent=2))
