"""Both staff groups may see the programme booklets (and so whether a rebuild failed)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ("Editors", "Labelling committee")


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need this one now.
    app_config = apps.get_app_config("public")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(content_type__app_label="public", codename="view_booklet")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(content_type__app_label="public", codename="view_booklet").first()
    if permission:
        for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
            group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("public", "0001_booklet"),
        ("events", "0003_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
