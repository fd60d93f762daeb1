"""An editor changes a programme and previews it; a publisher puts it live."""

from django.contrib.auth.models import Group, User

from core.models import Status
from programmes.models import Programme
from tests import groups
from tests.browser.conftest import assert_accessible, visit

NEW_ELIGIBILITY = "You can apply if you supervise social workers in any English council."
PASSWORD = "a-long-browser-test-password"


def make_staff(username: str, group: str) -> User:
    groups.ensure()
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def sign_in(page, username: str) -> None:
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def sign_out(page) -> None:
    page.goto("/admin/")
    page.click("#logout-form button")
    page.wait_for_url("**/logout/")


def run_action(page, action: str, pk: int) -> str:
    """Tick one row of an admin list, run an action on it, and return the messages shown."""
    page.check(f"input[name=_selected_action][value='{pk}']")
    page.select_option("select[name=action]", action)
    page.click("button[name=index]")
    return page.locator(".messagelist").inner_text()


def test_editor_previews_a_change_and_a_publisher_puts_it_live(
    page, browser, live_server, site_content
):
    programme = Programme.objects.get(slug="pathway-1")
    Programme.objects.filter(pk=programme.pk).update(status=Status.DRAFT)
    make_staff("editor", "Content editor")
    make_staff("publisher", "Content publisher")
    public = programme.get_absolute_url()
    change = f"/admin/programmes/programme/{programme.pk}/change/"

    # A draft is hidden from the public.
    visit(page, public, status=404)

    # Staff work in their own browser window. The admin is Django's own (not GOV.UK styled),
    # so only the public pages are held to the visitor checks.
    staff_window = browser.new_context(base_url=live_server.url)
    admin = staff_window.new_page()

    # The editor changes the eligibility and previews it before saving.
    sign_in(admin, "editor")
    admin.goto(change)
    admin.fill("#id_eligibility", NEW_ELIGIBILITY)
    with staff_window.expect_page() as opened:
        admin.click("input[name=_preview]")
    preview = opened.value
    preview.wait_for_load_state()
    assert "This page is not published." in preview.inner_text("main")
    assert NEW_ELIGIBILITY in preview.inner_text("main")
    assert_accessible(preview)
    preview.close()
    programme.refresh_from_db()
    assert programme.eligibility != NEW_ELIGIBILITY  # previewing saved nothing

    admin.click("input[name=_continue]")
    assert "was changed successfully" in admin.locator(".messagelist").inner_text()
    with staff_window.expect_page() as opened:
        admin.click("text=Preview saved version")
    saved_preview = opened.value
    saved_preview.wait_for_load_state()
    assert NEW_ELIGIBILITY in saved_preview.inner_text("main")
    saved_preview.close()

    # The editor cannot publish: there is no status field and no publish action.
    assert admin.locator("#id_status").count() == 0
    admin.goto("/admin/programmes/programme/")
    assert admin.locator("select[name=action] option[value=publish_selected]").count() == 0
    visit(page, public, status=404)
    sign_out(admin)

    # The publisher publishes it from the list, and the public sees it at once.
    sign_in(admin, "publisher")
    admin.goto("/admin/programmes/programme/")
    assert "Published 1 programme" in run_action(admin, "publish_selected", programme.pk)
    staff_window.close()
    visit(page, public)
    assert NEW_ELIGIBILITY in page.inner_text("main")
    assert page.locator(".app-preview-banner").count() == 0
