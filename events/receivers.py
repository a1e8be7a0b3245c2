"""Signal receivers that keep derived data in step with its sources (see services.source_changed)."""

from django.db.models.signals import post_save, pre_save

from . import services

# The field of each source whose change moves it in the tree of places.
PLACEMENT = {"Partner": "territory_id", "Territory": "parent_id"}


def remember_placement(sender, instance, raw=False, **kwargs):
    field = PLACEMENT.get(sender.__name__)
    if raw or field is None or instance.pk is None:
        return
    before = sender.objects.filter(pk=instance.pk).values_list(field, flat=True).first()
    instance._placement_before_save = before


def refresh_derived_data(sender, instance, created=False, raw=False, **kwargs):
    if raw or created:  # a new source has no project yet
        return
    field = PLACEMENT.get(sender.__name__)
    moved = field is not None and getattr(instance, "_placement_before_save", None) != getattr(
        instance, field
    )
    services.source_changed(instance=instance, moved=moved)


def connect():
    from partners.models import Partner, Territory

    from . import freshness
    from .models import Project, Theme

    pre_save.connect(freshness.keep_baseline, sender=Project, dispatch_uid="translation-freshness")
    # Each version of a project in its history keeps its partners, written out (events.history).
    from simple_history.signals import pre_create_historical_record

    from . import history

    pre_create_historical_record.connect(
        history.fill_partners, sender=Project.history.model, dispatch_uid="history-partners"
    )

    for model in (Partner, Territory, Theme):
        pre_save.connect(remember_placement, sender=model, dispatch_uid=f"derived-pre-{model.__name__}")
        post_save.connect(refresh_derived_data, sender=model, dispatch_uid=f"derived-post-{model.__name__}")
