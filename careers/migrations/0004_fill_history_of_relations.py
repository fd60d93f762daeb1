from django.db import migrations

from editorial.history import fill_relation_history


def fill(apps, schema_editor):
    fill_relation_history(apps, "careers", "Role", "next_roles")
    fill_relation_history(apps, "careers", "AreaOfPractice", "related_roles")


class Migration(migrations.Migration):
    dependencies = [("careers", "0003_history_of_relations")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
