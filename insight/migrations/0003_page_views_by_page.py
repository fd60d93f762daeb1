import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("insight", "0002_content_types_moved_to_insight"),
    ]

    operations = [
        migrations.AddField(
            model_name="pageview",
            name="content_type",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="contenttypes.contenttype"),
        ),
        migrations.AddField(
            model_name="pageview",
            name="object_id",
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="pageview",
            name="url_name",
            field=models.CharField(blank=True, help_text="For example 'careers:role'.", max_length=100, verbose_name="page"),
        ),
    ]
