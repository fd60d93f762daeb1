"""Every kind of admin page staff open passes axe: the editors' guide, each model's list
(with its filters and the boxes changed in place) and one item's change form, as a publisher
sees them."""

from django.contrib import admin

from tests.browser.conftest import axe_violations
from tests.browser.test_editing import make_staff, sign_in


def admin_pages() -> list[str]:
    pages = ["/admin/guide/"]
    for model in admin.site._registry:
        meta = model._meta
        pages.append(f"/admin/{meta.app_label}/{meta.model_name}/")
        item = model.objects.order_by("pk").first()
        if item is not None:
            pages.append(f"/admin/{meta.app_label}/{meta.model_name}/{item.pk}/change/")
    return pages


def test_every_admin_list_and_change_form_is_accessible(page, site_content):
    make_staff("publisher", "Content publisher")
    sign_in(page, "publisher")
    found = {}
    opened = 0
    for path in admin_pages():
        response = page.goto(path)
        if response.status == 403:
            continue  # staff-only models a publisher may not open
        assert response.status == 200, f"{path} answered {response.status}"
        opened += 1
        page.wait_for_load_state("load")
        if violations := axe_violations(page):
            found[path] = violations
    assert opened > 20
    assert found == {}
