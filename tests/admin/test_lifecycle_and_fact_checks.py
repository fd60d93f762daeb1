"""Editors set a programme's lifecycle in the admin, and see what needs its facts checking."""

import datetime

import pytest
from django.utils import timezone

from careers.models import Role
from programmes.lifecycle import Lifecycle
from programmes.models import Programme
from tests.admin.conftest import ADMIN, change_url, form_data


def test_ending_a_programme_asks_for_the_end_date_and_what_to_do_instead(
    publisher_client, programme
):
    data = form_data(publisher_client, programme)
    data.update(lifecycle=Lifecycle.ENDED, ended_on="", what_to_do_instead="")
    response = publisher_client.post(change_url(programme), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter the date the programme ended." in html
    assert "Say what people can do instead." in html
    programme.refresh_from_db()
    assert programme.lifecycle != Lifecycle.ENDED


def test_an_upcoming_programme_needs_a_start_date(publisher_client, programme):
    data = form_data(publisher_client, programme)
    data.update(lifecycle=Lifecycle.UPCOMING, starts_on="")
    response = publisher_client.post(change_url(programme), data)
    assert "Enter the date the programme starts." in response.content.decode()


def test_a_programme_people_apply_for_needs_its_sign_up_address(publisher_client, programme):
    data = form_data(publisher_client, programme)
    data.update(lifecycle=Lifecycle.RUNNING, how_to_join="apply_yourself", sign_up_url="")
    response = publisher_client.post(change_url(programme), data)
    assert "Enter the address where people apply." in response.content.decode()


def test_a_publisher_ends_a_programme_and_its_page_says_so(publisher_client, client, programme):
    data = form_data(publisher_client, programme)
    data.update(
        lifecycle=Lifecycle.ENDED,
        ended_on="2024-07-31",
        what_to_do_instead="Use the free modules.",
    )
    response = publisher_client.post(change_url(programme), data)
    assert response.status_code == 302
    html = client.get(programme.get_absolute_url()).content.decode()
    assert "Ended in July 2024" in html and "Use the free modules." in html
    assert "/sign-up/" not in html


def needs_checking_url(model: str) -> str:
    return f"{ADMIN}/{model}/?facts=due"


def test_needs_checking_lists_items_not_checked_for_six_months(publisher_client, site_content):
    today = timezone.localdate()
    Programme.objects.update(facts_checked_on=today)
    Role.objects.update(facts_checked_on=today)
    stale = Programme.objects.get(slug="asye")
    stale.facts_checked_on = today - datetime.timedelta(days=184)
    stale.save()
    Role.objects.filter(slug="team-manager").update(facts_checked_on=None)

    programmes = publisher_client.get(needs_checking_url("programmes/programme"))
    assert [p.slug for p in programmes.context["cl"].result_list] == ["asye"]
    roles = publisher_client.get(needs_checking_url("careers/role"))
    assert [r.slug for r in roles.context["cl"].result_list] == ["team-manager"]

    home = publisher_client.get(f"{ADMIN}/").content.decode()
    assert "Needs your attention" in home
    assert f'href="{needs_checking_url("programmes/programme")}"' in home
    assert "1 programme needs its facts checking" in home
    assert "1 role needs its facts checking" in home


def test_the_age_that_counts_as_due_is_a_setting(publisher_client, site_content, settings):
    today = timezone.localdate()
    Programme.objects.update(facts_checked_on=today - datetime.timedelta(days=40))
    Role.objects.update(facts_checked_on=today)
    assert (
        publisher_client.get(needs_checking_url("programmes/programme")).context["cl"].result_count
        == 0
    )
    settings.FACTS_CHECK_MAX_AGE_DAYS = 30
    assert (
        publisher_client.get(needs_checking_url("programmes/programme")).context["cl"].result_count
        == Programme.objects.count()
    )


def test_nothing_due_means_no_attention_panel(publisher_client, site_content):
    Programme.objects.update(facts_checked_on=timezone.localdate())
    Role.objects.update(facts_checked_on=timezone.localdate())
    assert "Needs your attention" not in publisher_client.get(f"{ADMIN}/").content.decode()


@pytest.mark.django_db
def test_staff_who_cannot_see_an_item_are_not_told_about_it(client):
    from django.contrib.auth.models import User

    user = User.objects.create_user("nobody", password="a-long-test-password", is_staff=True)
    client.force_login(user)
    assert "Needs your attention" not in client.get(f"{ADMIN}/").content.decode()
