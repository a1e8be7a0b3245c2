"""Spreadsheet export of projects in the programme's own column layout.

Columns: id, region, french_partner, russian_partner, title, description, planned_date, theme,
then the Russian and English title and description. Several partners or themes are separated by
"; ". The import of the same layout (with a preview and a confirmation) is events.imports: an
export imported back unchanged changes nothing.
"""

from import_export import fields, resources

from .models import Project, Side
from .spreadsheets import neutralise_formula

SEPARATOR = ";"


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
