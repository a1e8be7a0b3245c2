"""Programme booklets kept ready: stored in the database (public.models.Booklet, shared by every worker),
built in a visitor's request only the first time a small selection is asked for (a large one is
queued, and the visitor asked to come back), then rebuilt by the task queue after every change of the
content. A failed build keeps the previous PDF, records the error
on the booklet (admin: Public portal › Programme booklets) and fails the task, so staff see it.

The hook is deliberately separate from the page cache's (portal.cache): same signals, its own job.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from .booklet import BookletSpec, build_booklet, selected_count
from .models import Booklet

logger = logging.getLogger(__name__)

# A filtered booklet nobody asked for in this long is dropped instead of rebuilt (the next reader
# who asks builds it again); the whole programme in each language is always kept.
KEEP_UNREQUESTED = timedelta(days=30)
# Writing the request date at most this often spares a database write per download.
REQUEST_DATE_RESOLUTION = timedelta(hours=1)


class BookletBuildFailed(Exception):
    pass


class BookletTooLarge(Exception):
    """The selection has more projects than a booklet holds (settings.BOOKLET_MAX_PROJECTS)."""

    def __init__(self, project_count: int):
        super().__init__(project_count)
        self.project_count = project_count


def _store(booklet: Booklet, built, version: int) -> None:
    booklet.pdf = built.pdf
    booklet.digest = built.digest
    booklet.size = len(built.pdf)
    booklet.page_count = built.page_count
    booklet.project_count = built.project_count
    booklet.build_seconds = round(built.seconds, 2)
    booklet.built_at = timezone.now()
    booklet.built_version = version
    booklet.error = ""
    booklet.failed_at = None


def booklet_for(spec: BookletSpec, *, base_url: str) -> Booklet:
    """The stored booklet of `spec`, its PDF deferred. Nobody ever asked for it: a small one is built
    now; a large one is queued and returned not built yet (`is_built` false) until the task stores it;
    one over the booklets' limit raises BookletTooLarge."""
    now = timezone.now()
    booklet = Booklet.objects.defer("pdf").filter(key=spec.key).first()
    if booklet is None:
        count = selected_count(spec)
        if count > settings.BOOKLET_MAX_PROJECTS:
            raise BookletTooLarge(count)
        if count > settings.BOOKLET_BUILD_IN_REQUEST_MAX_PROJECTS:
            return _queue_first_build(spec, base_url=base_url, project_count=count)
        # The first request for this selection waits for the build; every later one is served
        # from the table while the task queue keeps it current.
        booklet = Booklet(
            key=spec.key,
            language=spec.language,
            query=spec.query,
            base_url=base_url,
            last_requested_at=now,
        )
        _store(booklet, build_booklet(spec, base_url=base_url), version=0)
        with transaction.atomic():
            Booklet.objects.filter(key=spec.key).delete()  # built meanwhile by a concurrent request
            booklet.save()
        return booklet
    if now - booklet.last_requested_at > REQUEST_DATE_RESOLUTION:
        Booklet.objects.filter(pk=booklet.pk).update(last_requested_at=now)
    return booklet


def _queue_first_build(spec: BookletSpec, *, base_url: str, project_count: int) -> Booklet:
    """A row without PDF (version 1, built version 0: out of date) that the task queue builds; readers
    are asked to come back meanwhile. Concurrent first requests share the row."""
    now = timezone.now()
    booklet, _created = Booklet.objects.defer("pdf").get_or_create(
        key=spec.key,
        defaults={
            "language": spec.language,
            "query": spec.query,
            "base_url": base_url,
            "pdf": b"",
            "project_count": project_count,
            "built_at": now,
            "last_requested_at": now,
            "version": 1,
        },
    )
    transaction.on_commit(_enqueue_rebuild, robust=True)
    return booklet


def pdf_of(booklet: Booklet) -> bytes:
    if "pdf" in booklet.get_deferred_fields():
        return bytes(Booklet.objects.values_list("pdf", flat=True).get(pk=booklet.pk))
    return bytes(booklet.pdf)


@task()
def rebuild_booklets():
    """Rebuild every booklet older than the content; drop filtered ones nobody asks for any more, and
    those whose selection has grown beyond the booklets' limit."""
    now = timezone.now()
    dropped, _ = (
        Booklet.objects.filter(last_requested_at__lt=now - KEEP_UNREQUESTED).exclude(query="").delete()
    )
    rebuilt, failures = 0, []
    for booklet in Booklet.objects.filter(built_version__lt=F("version")).defer("pdf"):
        version = booklet.version  # changes arriving during the build leave it stale for the next task
        spec = BookletSpec(language=booklet.language, query=booklet.query)
        try:
            if selected_count(spec) > settings.BOOKLET_MAX_PROJECTS:
                booklet.delete()
                dropped += 1
                continue
            built = build_booklet(spec, base_url=booklet.base_url)
        except Exception as error:  # any failure: keep the previous PDF, tell staff, go on with the others
            logger.exception("The booklet %s could not be rebuilt", booklet)
            Booklet.objects.filter(pk=booklet.pk).update(failed_at=timezone.now(), error=repr(error))
            failures.append(f"{booklet}: {error!r}")
            continue
        _store(booklet, built, version)
        booklet.save(
            update_fields=[
                "pdf",
                "digest",
                "size",
                "page_count",
                "project_count",
                "build_seconds",
                "built_at",
                "built_version",
                "error",
                "failed_at",
            ]
        )
        rebuilt += 1
    if failures:
        raise BookletBuildFailed("; ".join(failures))
    return {"rebuilt": rebuilt, "dropped": dropped}


def schedule_rebuild() -> None:
    """Mark every booklet out of date and make sure a rebuild is waiting in the queue."""
    if not Booklet.objects.update(version=F("version") + 1):
        return  # no booklet yet: the first reader builds it
    _enqueue_rebuild()


def _enqueue_rebuild() -> None:
    # One waiting task is enough: it will read the content as it is now, since it has not started.
    waiting = DBTaskResult.objects.filter(task_path=rebuild_booklets.module_path, status="READY")
    if not waiting.exists():
        rebuild_booklets.enqueue()


def content_changed(sender, **kwargs):
    if kwargs.get("raw") or kwargs.get("action", "post_").startswith("pre_"):
        return
    # After the commit: the task must see the change, and a rolled-back change schedules nothing.
    transaction.on_commit(schedule_rebuild, robust=True)


def connect():
    from events.models import Participation, Project, Theme
    from partners.models import Partner, PartnerPair, Territory

    for model in (Project, Participation, Theme, Territory, Partner, PartnerPair):
        uid = f"booklets-{model.__name__}"
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}-delete")
    for through in (Project.themes.through, Project.territories.through, Project.pairs.through):
        m2m_changed.connect(content_changed, sender=through, dispatch_uid=f"booklets-m2m-{through.__name__}")
