import json

from django.core.management.base import BaseCommand
from django.db.models import F

from events.documents import programme_document
from events.selectors import published_projects, with_relations


class Command(BaseCommand):
    help = "Print every published project as JSON, the same document as /api/projects.json."

    def handle(self, *args, **options):
        projects = with_relations(published_projects()).order_by(F("reference").asc(nulls_last=True), "id")
        self.stdout.write(json.dumps(programme_document(projects), ensure_ascii=False, indent=2))
