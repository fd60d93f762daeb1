"""Page views counted by address before pages were known by name: each row whose address
still resolves gets its URL name and the thing the page is about, so its history joins the
views counted since. Rows whose address no longer resolves keep only their address."""

from django.db import migrations
from django.urls import Resolver404, resolve

# The pages counted by address until now, as insight.pages named them when this was written
# (URL name: model and URL argument).
PAGES_ABOUT_ONE_THING = {
    "careers:stage": ("careers", "CareerStage"),
    "careers:role": ("careers", "Role"),
    "programmes:detail": ("programmes", "Programme"),
}


def name_pages(apps, schema_editor):
    PageView = apps.get_model("insight", "PageView")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for path in PageView.objects.filter(url_name="").values_list("path", flat=True).distinct():
        try:
            match = resolve(path)
        except Resolver404:
            continue
        update = {"url_name": match.view_name}
        if match.view_name in PAGES_ABOUT_ONE_THING:
            app_label, model_name = PAGES_ABOUT_ONE_THING[match.view_name]
            model = apps.get_model(app_label, model_name)
            thing = model.objects.filter(slug=match.kwargs.get("slug")).first()
            if thing is not None:
                content_type, _ = ContentType.objects.get_or_create(
                    app_label=app_label, model=model_name.lower()
                )
                update.update(content_type=content_type, object_id=thing.pk)
        PageView.objects.filter(path=path, url_name="").update(**update)


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0006_guidance_to_point_out"),
        ("programmes", "0010_insight_models_moved_to_insight"),
        ("insight", "0003_page_views_by_page"),
    ]

    # Backwards, the names are simply left: the earlier layout ignores them.
    operations = [migrations.RunPython(name_pages, migrations.RunPython.noop)]
