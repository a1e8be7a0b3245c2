from django.core.management.base import BaseCommand, CommandError

from events.backup import BackupError, restore_programme
from events.programme import DEFAULT_DIRECTORY, ProgrammeError, load_programme


class Command(BaseCommand):
    help = (
        "Load the official 2021 programme from fixtures/programme/ (idempotent; all or nothing). It never "
        "changes what staff decided: deleted projects stay deleted, statuses and staff edits stay."
    )

    def add_arguments(self, parser):
        parser.add_argument("--directory", default=DEFAULT_DIRECTORY, help="Fixture directory.")
        parser.add_argument(
            "--update",
            action="store_true",
            help="Also bring existing rows up to the fixture, field by field, where staff have not changed "
            "them since the last load; prints the diff.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would change (the diff) and change nothing."
        )
        parser.add_argument(
            "--from",
            dest="from_export",
            metavar="EXPORT",
            help="Restore a full export (manage.py export_programme --all) into an empty programme instead.",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="With --from: delete the programme in the database first.",
        )

    def handle(self, *args, directory, update, dry_run, from_export, replace, **options):
        if from_export:
            try:
                counts = restore_programme(path=from_export, replace=replace, dry_run=dry_run)
            except BackupError as exc:
                raise CommandError(str(exc)) from exc
            summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
            verb = "Would restore" if dry_run else "Restored"
            self.stdout.write(self.style.SUCCESS(f"{verb}: {summary}."))
            return
        try:
            report = load_programme(directory=directory, update=update, dry_run=dry_run)
        except ProgrammeError as exc:
            raise CommandError(
                "The programme fixture has problems; nothing was loaded:\n- " + "\n- ".join(exc.problems)
            ) from exc
        for line in report.diff:
            self.stdout.write(line)
        for key in report.deleted_by_staff:
            self.stdout.write(f"- {key}: deleted by staff, not created again")
        created = ", ".join(f"{n} {kind}" for kind, n in sorted(report.created.items())) or "nothing"
        updated = ", ".join(f"{n} {kind}" for kind, n in sorted(report.updated.items())) or "nothing"
        kept = ", ".join(f"{n} {kind}" for kind, n in sorted(report.kept.items())) or "nothing"
        if dry_run:
            self.stdout.write(
                self.style.WARNING(
                    f"Dry run, nothing was written. Would create: {created}. Would update: {updated}. "
                    f"Staff changes kept: {kept}."
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Programme loaded. Created: {created}. Updated: {updated}. Staff changes kept: {kept}."
                )
            )
