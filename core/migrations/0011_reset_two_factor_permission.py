"""Content publishers may reset a colleague's two-factor sign-in (after a lost phone, say),
so recovery does not wait for a developer. The permission belongs to the user model, whose
app (django.contrib.auth) this project does not own, so it is made here."""

from django.db import migrations

PUBLISHER = "Content publisher"
CODENAME = "reset_two_factor"


def let_publishers_reset_two_factor(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    user_type, _ = ContentType.objects.get_or_create(app_label="auth", model="user")
    permission, _ = Permission.objects.get_or_create(
        content_type=user_type,
        codename=CODENAME,
        defaults={"name": "Can reset a colleague's two-factor sign-in"},
    )
    publisher, _ = Group.objects.get_or_create(name=PUBLISHER)
    publisher.permissions.add(permission)


def remove_permission(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="auth", codename=CODENAME
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0010_page_views_and_feedback_moved_to_insight"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(let_publishers_reset_two_factor, remove_permission)]
