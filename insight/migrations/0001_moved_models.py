"""Page views, page feedback, the click summaries and the dashboard's permission, taken over
from `core` and `programmes` as they stand. Nothing changes in the database: each model keeps
the table it had (see the models' `db_table`), so existing rows stay where they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("careers", "0006_guidance_to_point_out"),
        ("core", "0010_page_views_and_feedback_moved_to_insight"),
        ("programmes", "0010_insight_models_moved_to_insight"),
    ]

    state_operations = [
        migrations.CreateModel(
            name="PageView",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("path", models.CharField(max_length=300)),
                ("date", models.DateField()),
                ("views", models.PositiveIntegerField(default=0)),
            ],
            options={
                "db_table": "core_pageview",
                "indexes": [models.Index(fields=["date"], name="core_pageview_date")],
                "constraints": [models.UniqueConstraint(fields=("path", "date"), name="core_pageview_path_date")],
            },
        ),
        migrations.CreateModel(
            name="PageFeedback",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("path", models.CharField(db_index=True, max_length=300, verbose_name="page")),
                ("useful", models.BooleanField()),
                ("comment", models.TextField(blank=True, max_length=1200)),
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="date")),
            ],
            options={
                "db_table": "core_pagefeedback",
                "verbose_name": "page feedback",
                "verbose_name_plural": "page feedback",
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="SignUpInsight",
            fields=[],
            options={
                "verbose_name": "sign-up insight",
                "verbose_name_plural": "sign-up insight",
                "permissions": [("view_signup_insight", "View sign-up insight")],
                "proxy": True,
                "default_permissions": (),
                "indexes": [],
                "constraints": [],
            },
            bases=("programmes.signupclick",),
        ),
        migrations.CreateModel(
            name="ClickDaySummary",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("date", models.DateField(unique=True)),
                ("visitors", models.PositiveIntegerField(default=0)),
            ],
            options={"db_table": "programmes_clickdaysummary"},
        ),
        migrations.CreateModel(
            name="ClickRouteSummary",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("date", models.DateField(db_index=True)),
                ("source_path", models.CharField(blank=True, max_length=300)),
                ("clicks", models.PositiveIntegerField()),
                ("programme", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="programmes.programme")),
                ("stage", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="careers.careerstage")),
            ],
            options={"db_table": "programmes_clickroutesummary"},
        ),
        migrations.CreateModel(
            name="ProgrammeDaySummary",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("date", models.DateField()),
                ("clicks", models.PositiveIntegerField()),
                ("visitors", models.PositiveIntegerField()),
                ("programme", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="programmes.programme")),
            ],
            options={
                "db_table": "programmes_programmedaysummary",
                "constraints": [models.UniqueConstraint(fields=("date", "programme"), name="programmes_programmedaysummary_day")],
            },
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations, database_operations=[])
    ]
