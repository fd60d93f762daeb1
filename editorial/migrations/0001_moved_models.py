"""Changes waiting for a publisher and link checks come to this app from core. Only Django's
record of the models moves: the tables (core_pendingchange, core_linkcheck) and their rows
stay where they are."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        # The tables are made (or already were) by core's migrations, which give them up here.
        ("core", "0013_pending_changes_and_link_checks_moved_to_editorial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="LinkCheck",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("url", models.URLField(max_length=500, unique=True, verbose_name="address")),
                        ("found_in", models.TextField(blank=True, help_text="Where the address appears in the content, one place per line.")),
                        ("status_code", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="response code")),
                        ("error", models.CharField(blank=True, max_length=300)),
                        ("is_broken", models.BooleanField(db_index=True, default=False, verbose_name="broken")),
                        ("checked_at", models.DateTimeField(verbose_name="last checked")),
                    ],
                    options={
                        "verbose_name": "link check",
                        "db_table": "core_linkcheck",
                        "ordering": ["-is_broken", "url"],
                    },
                ),
                migrations.CreateModel(
                    name="PendingChange",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("object_id", models.PositiveBigIntegerField()),
                        ("form_data", models.JSONField()),
                        ("saved_at", models.DateTimeField(auto_now=True, verbose_name="saved")),
                        ("author", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("content_type", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="contenttypes.contenttype")),
                    ],
                    options={
                        "verbose_name": "change waiting for a publisher",
                        "verbose_name_plural": "changes waiting for a publisher",
                        "db_table": "core_pendingchange",
                        "ordering": ["saved_at"],
                        "constraints": [models.UniqueConstraint(fields=("content_type", "object_id"), name="core_pendingchange_one_per_object")],
                    },
                ),
            ],
        )
    ]
