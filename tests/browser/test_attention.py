"""An editor finds page feedback nobody has read from the admin home page, reads it, and
marks the rest read from the list."""

from insight.models import PageFeedback
from tests.browser.conftest import assert_accessible
from tests.browser.test_editing import make_staff, run_action, sign_in

NOT_READ = 'answers to "Is this page useful?" have not been read'


def test_an_editor_reads_the_feedback_the_home_page_points_to(browser, live_server, db):
    comments = ["The dates are hard to find", "Which councils take part?"]
    for comment in comments:
        PageFeedback.objects.create(path="/development-programmes/", useful=False, comment=comment)
    make_staff("editor", "Content editor")
    window = browser.new_context(base_url=live_server.url)
    admin = window.new_page()
    sign_in(admin, "editor")
    attention = admin.locator("#needs-attention")
    assert f"2 {NOT_READ}" in attention.inner_text()
    assert_accessible(admin)

    attention.get_by_role("link", name=f"2 {NOT_READ}").click()
    assert "2 page feedback" in admin.locator(".paginator").inner_text()
    admin.get_by_role("link", name="Not read").first.wait_for()
    first = PageFeedback.objects.get(comment=comments[0])
    admin.click(f"a[href*='/pagefeedback/{first.pk}/change/']")
    assert comments[0] in admin.inner_text("#content")
    first.refresh_from_db()
    assert first.read_at is not None

    admin.goto("/admin/insight/pagefeedback/?read=no")
    second = PageFeedback.objects.get(comment=comments[1])
    assert "Marked 1 as read." in run_action(admin, "mark_read", second.pk)
    admin.goto("/admin/")
    assert NOT_READ not in admin.inner_text("#content")
    window.close()
