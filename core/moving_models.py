"""For migrations that move a model from one app to another while its table stays: the model's
content type follows it, so the permissions attached to it keep their ids, staff and groups
that held them still do, and admin history that points at the content type follows too."""

from django.contrib.contenttypes.models import ContentType as LiveContentType


def move_content_types(apps, moves) -> None:
    """Each move is (old app label, new app label, model name)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for old_app, new_app, model in moves:
        old = ContentType.objects.filter(app_label=old_app, model=model).first()
        if old is None:
            continue  # a new database: Django makes the content type after migrating
        new = ContentType.objects.filter(app_label=new_app, model=model).first()
        if new is None:
            old.app_label = new_app
            old.save(update_fields=["app_label"])
            continue
        # Both exist (Django made the new one before this ran): keep the new one and give its
        # permissions to everyone who held the old ones.
        for permission in Permission.objects.filter(content_type=old):
            target = Permission.objects.filter(
                content_type=new, codename=permission.codename
            ).first()
            if target is None:
                permission.content_type = new
                permission.save(update_fields=["content_type"])
                continue
            for group in permission.group_set.all():
                group.permissions.add(target)
            for user in permission.user_set.all():
                user.user_permissions.add(target)
            permission.delete()
        old.delete()
    LiveContentType.objects.clear_cache()
