"""The two staff groups of the labelling workflow, with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = {
    "Editors": [
        "events.add_project", "events.change_project", "events.view_project", "events.submit_project",
        "events.view_theme", "events.add_participation", "events.change_participation",
        "events.delete_participation", "events.view_participation", "events.view_statuschange",
        "events.view_historicalproject",
        "partners.add_territory", "partners.change_territory", "partners.view_territory",
        "partners.add_partner", "partners.change_partner", "partners.view_partner",
        "partners.add_partnerpair", "partners.change_partnerpair", "partners.view_partnerpair",
        "partners.view_historicalterritory", "partners.view_historicalpartner",
    ],
    "Labelling committee": [
        "events.view_project", "events.change_project", "events.label_project", "events.publish_project",
        "events.withdraw_project", "events.view_theme", "events.view_participation", "events.view_statuschange",
        "events.view_historicalproject",
        "partners.view_territory", "partners.view_partner", "partners.view_partnerpair",
    ],
}  # fmt: skip


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if permission is None:
                raise LookupError(f"No permission {code}")
            group.permissions.add(permission)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0002_workflow_history"),
        ("partners", "0002_workflow_history"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
