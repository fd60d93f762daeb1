"""Every kind of admin page staff open passes axe: the editors' guide, each model's list
(with its filters and the boxes changed in place) and one item's change form, as a publisher
sees them."""

from django.urls import reverse

from tests.admin.permission_pages import make_one_of_each, pages, registered
from tests.browser.conftest import axe_violations
from tests.browser.test_editing import make_staff, sign_in


def admin_pages() -> list[str]:
    addresses = [reverse("admin:guide")]
    for model_admin in registered().values():
        name = f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}"
        if "changelist" in pages(model_admin):
            addresses.append(reverse(f"{name}_changelist"))
        item = model_admin.model.objects.order_by("pk").first()
        if item is not None and "change" in pages(model_admin):
            addresses.append(reverse(f"{name}_change", args=[item.pk]))
    return addresses


def test_every_admin_list_and_change_form_is_accessible(page, site_content):
    make_one_of_each()
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
