from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Content editor", "Content publisher", "Analyst"]


def let_staff_see_counts_and_emails(apps, schema_editor):
    """Staff see how many people wait for each programme, and the emails' progress and errors;
    neither shows an address."""
    alerts = apps.get_app_config("alerts")
    alerts.models_module = True
    create_permissions(alerts, apps=apps, verbosity=0)
    alerts.models_module = None
    Permission = apps.get_model("auth", "Permission")
    views = Permission.objects.filter(
        content_type__app_label="alerts", codename__in=["view_alert", "view_email"]
    )
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.add(*views)


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0001_initial"),
        ("core", "0003_content_groups"),
        ("insight", "0006_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(let_staff_see_counts_and_emails, migrations.RunPython.noop)]
