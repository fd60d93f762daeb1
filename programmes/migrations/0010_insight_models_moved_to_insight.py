"""The daily click summaries and the dashboard's permission now belong to the insight app.
Only Django's record of the models goes: the tables, their rows and the permission stay, and
insight's first migrations take them over."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("programmes", "0009_programme_lifecycle")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="SignUpInsight"),
                migrations.DeleteModel(name="ClickDaySummary"),
                migrations.DeleteModel(name="ProgrammeDaySummary"),
                migrations.DeleteModel(name="ClickRouteSummary"),
            ],
            database_operations=[],
        )
    ]
