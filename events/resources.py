"""Spreadsheet import and export of projects in the programme's own column layout.

Columns: id, region, french_partner, russian_partner, title, description, planned_date, theme,
then the Russian and English title and description. Several partners or themes are separated by
"; ". Names are looked up in any language. Imports run in one transaction (settings
IMPORT_EXPORT_USE_TRANSACTIONS): a file with one bad row writes nothing, and every bad row is
reported with its reason. New rows start as *proposed*.
"""

from django.conf import settings
from django.db.models import Q
from import_export import fields, resources

from partners.models import Partner, Territory

from .models import LabellingStatus, Project, Side, Theme
from .periods import parse_planned
from .services import generate_planned_wording, project_slug, set_participants
from .spreadsheets import neutralise_formula, restore_formula_text

SEPARATOR = ";"


def _split(value) -> list[str]:
    return [part.strip() for part in str(value or "").split(SEPARATOR) if part.strip()]


def _by_name(queryset, name):
    condition = Q(name_fr__iexact=name) | Q(name_ru__iexact=name) | Q(name_en__iexact=name) | Q(slug=name)
    return queryset.filter(condition).first()


class ProjectResource(resources.ModelResource):
    region = fields.Field(column_name="region")
    french_partner = fields.Field(column_name="french_partner")
    russian_partner = fields.Field(column_name="russian_partner")
    title = fields.Field(attribute="title_fr", column_name="title")
    description = fields.Field(attribute="description_fr", column_name="description")
    planned_date = fields.Field(attribute="planned_text_fr", column_name="planned_date")
    theme = fields.Field(column_name="theme")
    title_ru = fields.Field(attribute="title_ru", column_name="title_ru")
    title_en = fields.Field(attribute="title_en", column_name="title_en")
    description_ru = fields.Field(attribute="description_ru", column_name="description_ru")
    description_en = fields.Field(attribute="description_en", column_name="description_en")

    class Meta:
        model = Project
        import_id_fields = ("id",)
        fields = (
            "id",
            "region",
            "french_partner",
            "russian_partner",
            "title",
            "description",
            "planned_date",
            "theme",
            "title_ru",
            "title_en",
            "description_ru",
            "description_en",
        )
        export_order = fields
        skip_unchanged = False
        clean_model_instances = True

    # Export

    def dehydrate_region(self, project):
        return project.french_region.name_fr if project.french_region else ""

    def dehydrate_french_partner(self, project):
        return f"{SEPARATOR} ".join(p.name_fr for p in project.participants(Side.FRENCH))

    def dehydrate_russian_partner(self, project):
        return f"{SEPARATOR} ".join(p.name_fr for p in project.participants(Side.RUSSIAN))

    def dehydrate_theme(self, project):
        return f"{SEPARATOR} ".join(t.name_fr for t in project.themes.all())

    def export_field(self, field, instance, **kwargs):
        return neutralise_formula(super().export_field(field, instance, **kwargs))

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("french_region").prefetch_related("themes", "participations__partner")

    # Import

    def before_import_row(self, row, **kwargs):
        """Resolve names and dates; every problem of the row is reported at once."""
        for column in list(row.keys()):  # the quote that our exports put before formula-like text
            row[column] = restore_formula_text(row[column])
        problems, resolved = [], {}
        if not str(row.get("title") or "").strip():
            problems.append("missing title")
        region = str(row.get("region") or "").strip()
        resolved["region"] = _by_name(Territory.objects.filter(kind="region"), region) if region else None
        if region and resolved["region"] is None:
            problems.append(f"unknown French region “{region}”")
        for column, side in (("french_partner", Side.FRENCH), ("russian_partner", Side.RUSSIAN)):
            partners = []
            for name in _split(row.get(column)):
                partner = _by_name(Partner.objects.all(), name)
                if partner is None:
                    problems.append(f"unknown partner “{name}” (create it first)")
                partners.append(partner)
            resolved[side] = partners
        themes = []
        for name in _split(row.get("theme")):
            theme = _by_name(Theme.objects.all(), name)
            if theme is None:
                problems.append(f"unknown theme “{name}”")
            themes.append(theme)
        if not themes:
            problems.append("no theme")
        resolved["themes"] = themes
        try:
            resolved["period"] = parse_planned(str(row.get("planned_date") or ""), settings.PROGRAMME_YEAR)
        except ValueError:
            problems.append(f"unparseable planned date “{row.get('planned_date')}”")
        if problems:
            raise ValueError("; ".join(problems))
        row["_resolved"] = resolved

    def import_instance(self, instance, row, **kwargs):
        wording_before = instance.planned_text_fr if instance.pk else None
        super().import_instance(instance, row, **kwargs)
        resolved = row["_resolved"]
        period = resolved["period"]
        instance.planned_start, instance.planned_end = period.start, period.end
        instance.planned_precision = period.precision
        instance.french_region = resolved["region"]
        if instance.pk is None:
            instance.status = LabellingStatus.PROPOSED
            instance.slug = project_slug(instance.title_fr, resolved[Side.FRENCH] + resolved[Side.RUSSIAN])
        if instance.planned_text_fr != wording_before:  # a new or changed date: new wordings
            instance.planned_text_ru = instance.planned_text_en = ""
            generate_planned_wording(project=instance)

    def after_save_instance(self, instance, row, **kwargs):
        resolved = row["_resolved"]
        set_participants(
            project=instance,
            french=resolved[Side.FRENCH],
            russian=resolved[Side.RUSSIAN],
            themes=resolved["themes"],
        )
