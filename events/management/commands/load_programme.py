from django.core.management.base import BaseCommand, CommandError

from events.programme import DEFAULT_DIRECTORY, ProgrammeError, load_programme


class Command(BaseCommand):
    help = "Load the official 2021 programme from fixtures/programme/ (idempotent; all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--directory", default=DEFAULT_DIRECTORY, help="Fixture directory.")
        parser.add_argument(
            "--update", action="store_true", help="Also overwrite existing rows with the fixture's content."
        )

    def handle(self, *args, directory, update, **options):
        try:
            report = load_programme(directory=directory, update=update)
        except ProgrammeError as exc:
            raise CommandError(
                "The programme fixture has problems; nothing was loaded:\n- " + "\n- ".join(exc.problems)
            ) from exc
        created = ", ".join(f"{n} {kind}" for kind, n in sorted(report.created.items())) or "nothing"
        updated = ", ".join(f"{n} {kind}" for kind, n in sorted(report.updated.items())) or "nothing"
        self.stdout.write(self.style.SUCCESS(f"Programme loaded. Created: {created}. Updated: {updated}."))
