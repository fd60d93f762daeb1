from django.db import migrations

from editorial.history import fill_relation_history


def fill(apps, schema_editor):
    fill_relation_history(apps, "programmes", "Programme", "stages")
    fill_relation_history(apps, "programmes", "Programme", "roles")


class Migration(migrations.Migration):
    dependencies = [("programmes", "0006_history_of_relations")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
