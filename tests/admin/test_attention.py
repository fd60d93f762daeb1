"""The admin home page says what needs attention, each with a link to a list of exactly those
items, and only to staff who may see that list."""

import pytest
from django.http import QueryDict
from django.test import RequestFactory
from django.utils import timezone

from careers.models import Role
from editorial import attention, review
from editorial.models import LinkCheck
from insight.models import PageFeedback
from programmes.models import Programme
from tests.admin.conftest import ADMIN, make_user

WAITING = "2 changes are waiting for a publisher"
BROKEN = "2 links in the content are broken"
NOT_READ = '3 answers to "Is this page useful?" have not been read'
FEEDBACK = f"{ADMIN}/insight/pagefeedback/"


@pytest.fixture
def things_to_do(site_content, editor):
    today = timezone.localdate()
    Programme.objects.update(facts_checked_on=today)
    Role.objects.update(facts_checked_on=today)
    for obj in (Programme.objects.first(), Role.objects.first()):
        review.hold(obj=obj, posted=QueryDict("title=Changed"), author=editor)
    now = timezone.now()
    for url, broken in [("https://a.example/", True), ("https://b.example/", True)]:
        LinkCheck.objects.create(url=url, is_broken=broken, checked_at=now)
    LinkCheck.objects.create(url="https://fine.example/", is_broken=False, checked_at=now)
    for n in range(3):
        PageFeedback.objects.create(path=f"/page-{n}/", useful=False, comment="Unclear")
    PageFeedback.objects.create(path="/", useful=True, read_at=now)


@pytest.mark.parametrize(
    "groups, shown",
    [
        (["Content publisher"], [WAITING, BROKEN, NOT_READ]),
        (["Content editor"], [BROKEN, NOT_READ]),
        (["Analyst"], [BROKEN, NOT_READ]),
        ([], []),
    ],
    ids=["publisher", "editor", "analyst", "no group"],
)
def test_the_home_page_counts_each_thing_and_links_to_exactly_those(
    client, things_to_do, groups, shown
):
    client.force_login(make_user("someone", *groups))
    home = client.get(f"{ADMIN}/")
    assert [item.text for item in home.context["attention_items"]] == shown
    html = home.content.decode()
    for item in home.context["attention_items"]:
        assert f'href="{item.url}">{item.text.replace(chr(34), "&quot;")}</a>' in html
        listed = client.get(item.url)
        assert listed.status_code == 200
        assert listed.context["cl"].result_count == item.count
    if not shown:
        assert "Needs your attention" not in html


def test_each_count_is_one_query(things_to_do, publisher, django_assert_num_queries):
    request = RequestFactory().get(f"{ADMIN}/")
    request.user = publisher
    publisher.get_all_permissions()  # the permissions are read once per request anyway
    # Facts due for programmes and for roles, changes waiting, broken links, feedback.
    with django_assert_num_queries(5):
        attention.items(request)


def test_opening_feedback_marks_it_read_for_editors(editor_client, things_to_do):
    feedback = PageFeedback.objects.not_read().first()
    page = editor_client.get(f"{FEEDBACK}{feedback.pk}/change/")
    assert page.status_code == 200
    feedback.refresh_from_db()
    assert feedback.read_at is not None
    assert editor_client.get(f"{FEEDBACK}?read=no").context["cl"].result_count == 2
    assert editor_client.get(f"{FEEDBACK}?read=yes").context["cl"].result_count == 2
    home = editor_client.get(f"{ADMIN}/").content.decode()
    assert "2 answers to &quot;Is this page useful?&quot; have not been read" in home


def test_analysts_read_feedback_without_taking_it_off_the_list(analyst_client, things_to_do):
    feedback = PageFeedback.objects.not_read().first()
    assert analyst_client.get(f"{FEEDBACK}{feedback.pk}/change/").status_code == 200
    feedback.refresh_from_db()
    assert feedback.read_at is None
    actions = analyst_client.get(FEEDBACK).context["action_form"].fields["action"].choices
    assert "mark_read" not in dict(actions)
    analyst_client.post(FEEDBACK, {"action": "mark_read", "_selected_action": [feedback.pk]})
    assert PageFeedback.objects.not_read().count() == 3


def test_feedback_is_marked_read_and_not_read_from_the_list(publisher_client, things_to_do):
    not_read = list(PageFeedback.objects.not_read().values_list("pk", flat=True))
    response = publisher_client.post(
        FEEDBACK, {"action": "mark_read", "_selected_action": not_read[:2]}, follow=True
    )
    assert "Marked 2 as read." in response.content.decode()
    assert PageFeedback.objects.not_read().count() == 1
    read_at = PageFeedback.objects.get(pk=not_read[0]).read_at
    publisher_client.post(FEEDBACK, {"action": "mark_read", "_selected_action": not_read})
    assert PageFeedback.objects.get(pk=not_read[0]).read_at == read_at  # first read, kept
    publisher_client.post(FEEDBACK, {"action": "mark_not_read", "_selected_action": not_read})
    assert PageFeedback.objects.not_read().count() == 3
