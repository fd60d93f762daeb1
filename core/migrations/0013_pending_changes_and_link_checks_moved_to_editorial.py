"""Changes waiting for a publisher and link checks now belong to the editorial app. Only
Django's record of the models goes: the tables and their rows stay, and editorial's first
migration takes them over."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0012_help_text_on_the_model")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="LinkCheck"),
                migrations.DeleteModel(name="PendingChange"),
            ],
            database_operations=[],
        )
    ]
