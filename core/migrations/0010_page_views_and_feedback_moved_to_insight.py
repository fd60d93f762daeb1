"""Page views and page feedback now belong to the insight app. Only Django's record of the
models goes: the tables and their rows stay, and insight's first migration takes them over."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0009_bundled_content_revision")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="PageView"),
                migrations.DeleteModel(name="PageFeedback"),
            ],
            database_operations=[],
        )
    ]
