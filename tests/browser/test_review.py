"""An editor changes a published programme; the public sees it only once a publisher approves."""

from editorial.models import PendingChange
from programmes.models import Programme
from tests.browser.conftest import assert_accessible, visit
from tests.browser.test_editing import make_staff, run_action, sign_in, sign_out

NEW_ELIGIBILITY = "You can apply if you lead a team of social workers in any English council."
WAITING = "These changes are waiting for a publisher. The public page has not changed."
BANNER = "Preview - this page is not published"


def test_an_editors_change_to_a_published_programme_waits_for_a_publisher(
    page, browser, live_server, site_content
):
    programme = Programme.objects.get(slug="pathway-1")
    assert programme.is_published
    make_staff("editor", "Content editor")
    make_staff("publisher", "Content publisher")
    public = programme.get_absolute_url()

    staff_window = browser.new_context(base_url=live_server.url)
    admin = staff_window.new_page()

    # The editor changes the eligibility and saves. The change waits.
    sign_in(admin, "editor")
    admin.goto(f"/admin/programmes/programme/{programme.pk}/change/")
    admin.fill("#id_eligibility", NEW_ELIGIBILITY)
    admin.click("input[name=_continue]")
    assert WAITING in admin.locator(".messagelist").first.inner_text()
    assert WAITING in admin.locator("#waiting-change").inner_text()
    assert admin.input_value("#id_eligibility") == NEW_ELIGIBILITY  # the form keeps it

    # The public page has not changed.
    visit(page, public)
    assert NEW_ELIGIBILITY not in page.inner_text("main")

    # The editor previews the page as it will be once approved.
    with staff_window.expect_page() as opened:
        admin.click("text=Preview the page with the waiting changes")
    preview = opened.value
    preview.wait_for_load_state()
    assert BANNER in preview.inner_text("main")
    assert NEW_ELIGIBILITY in preview.inner_text("main")
    assert_accessible(preview)
    preview.close()
    sign_out(admin)

    # The publisher finds the change, previews it and approves it.
    sign_in(admin, "publisher")
    admin.click("text=Changes waiting for a publisher")
    assert programme.name in admin.inner_text("#result_list")
    assert "editor" in admin.inner_text("#result_list")
    admin.click("text=Preview with the change")
    assert BANNER in admin.inner_text("main")
    assert NEW_ELIGIBILITY in admin.inner_text("main")
    admin.go_back()
    change = PendingChange.objects.get()
    assert "The public sees it now." in run_action(admin, "approve_selected", change.pk)
    staff_window.close()

    # The public sees the new text.
    visit(page, public)
    assert NEW_ELIGIBILITY in page.inner_text("main")
    assert BANNER not in page.inner_text("body")
