""" "Is this page useful?": the form on pages, answers, comments, spam and rate limits."""

import csv
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import cache
from django.test import Client

from insight.models import PageFeedback

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def visitor(site_content):
    return Client(HTTP_USER_AGENT="Mozilla/5.0 Firefox/130.0")


def ref_in(response) -> str:
    return re.search(r'name="ref" value="([^"]+)"', response.content.decode()).group(1)


def answer(client, **fields):
    return client.post("/page-feedback", {"page": "/accessibility", **fields})


@pytest.mark.parametrize("path", ["/", "/accessibility", "/privacy"])
def test_content_pages_ask_whether_they_are_useful(visitor, path):
    html = visitor.get(path).content.decode()
    assert "Is this page useful?" in html
    assert f'<input type="hidden" name="page" value="{path}">' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "How could we improve this page? (optional)" in html  # opened by "No"
    assert "Do not include personal information" in html


@pytest.mark.parametrize("path", ["/cookies", "/no-such-page"])
def test_cookies_and_error_pages_do_not_ask(visitor, path):
    assert "Is this page useful?" not in visitor.get(path).content.decode()


def test_yes_is_stored_and_thanked(visitor):
    response = answer(visitor, answer="yes")
    assert response.status_code == 303
    assert response["Location"] == "/page-feedback/thank-you?page=%2Faccessibility"
    feedback = PageFeedback.objects.get()
    assert (feedback.path, feedback.useful, feedback.comment) == ("/accessibility", True, "")
    assert feedback.created_at is not None
    html = visitor.get(response["Location"]).content.decode()
    assert "Thank you for your feedback" in html
    assert 'href="/accessibility">Return to the page you were looking at' in html


def test_no_without_javascript_asks_for_a_comment_on_the_next_page(visitor):
    response = answer(visitor, answer="no")
    assert response.status_code == 200
    html = response.content.decode()
    assert "How could we improve this page?" in html
    assert "Do not include personal information" in html
    assert PageFeedback.objects.get().useful is False  # the "No" counts even without a comment

    ref = ref_in(response)
    response = answer(visitor, answer="send", ref=ref, comment="  Add the closing dates.  ")
    assert response.status_code == 303
    feedback = PageFeedback.objects.get()
    assert (feedback.useful, feedback.comment) == (False, "Add the closing dates.")


def test_no_with_a_comment_in_one_go_as_with_javascript(visitor):
    response = answer(visitor, answer="send", comment="Too long")
    assert response.status_code == 303
    feedback = PageFeedback.objects.get()
    assert (feedback.useful, feedback.comment) == (False, "Too long")


def test_a_comment_can_only_be_added_to_its_own_answer_once(visitor):
    other = PageFeedback.objects.create(path="/privacy", useful=False)
    forged = signing.dumps(other.pk, salt="another-salt")
    answer(visitor, answer="send", ref=forged, comment="forged")
    other.refresh_from_db()
    assert other.comment == ""

    ref = ref_in(answer(visitor, answer="no"))
    answer(visitor, answer="send", ref=ref, comment="first")
    answer(visitor, answer="send", ref=ref, comment="second")
    assert PageFeedback.objects.filter(comment="first").exists()
    assert not PageFeedback.objects.filter(comment="second").exists()


def test_comments_over_1200_characters_are_refused_with_an_error(visitor):
    response = answer(visitor, answer="send", comment="x" * 1201)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "1,200 characters or fewer" in html
    assert "x" * 1201 in html  # kept, so the visitor can shorten it
    assert not PageFeedback.objects.exists()
    assert answer(visitor, answer="send", comment="x" * 1200).status_code == 303


def test_the_honeypot_thanks_form_fillers_and_keeps_nothing(visitor):
    response = answer(visitor, answer="yes", website="https://spam.example")
    assert response.status_code == 303
    assert not PageFeedback.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"page": "https://evil.example/", "answer": "yes"},
        {"page": "//evil.example/", "answer": "yes"},
        {"page": "", "answer": "yes"},
        {"page": "/accessibility", "answer": "maybe"},
        {"page": "/accessibility"},
        {"page": "/" + "a" * 400, "answer": "yes"},
    ],
)
def test_bad_answers_get_a_400_page(visitor, fields):
    response = visitor.post("/page-feedback", fields)
    assert response.status_code == 400
    assert not PageFeedback.objects.exists()


def test_feedback_needs_the_csrf_token(site_content):
    response = Client(enforce_csrf_checks=True).post(
        "/page-feedback", {"page": "/", "answer": "yes"}
    )
    assert response.status_code == 403
    assert not PageFeedback.objects.exists()


def test_feedback_only_takes_posts(visitor):
    assert visitor.get("/page-feedback").status_code == 405


def test_each_client_is_rate_limited(visitor, site_content):
    for _ in range(10):
        assert answer(visitor, answer="yes").status_code == 303
    response = answer(visitor, answer="yes")
    assert response.status_code == 429
    assert "You have sent a lot of feedback" in response.content.decode()
    assert PageFeedback.objects.count() == 10

    other_client = Client(REMOTE_ADDR="192.0.2.7")
    assert answer(other_client, answer="yes").status_code == 303


def test_thanks_page_links_back_only_within_the_site(visitor):
    html = visitor.get("/page-feedback/thank-you?page=//evil.example/").content.decode()
    assert 'href="//evil.example/"' not in html
    assert 'href="/">Return to the page you were looking at' in html


# In the admin.


@pytest.fixture
def admin_client(db):
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("admin", password="x"))
    return client


def test_admin_lists_feedback_with_comments_escaped(admin_client):
    PageFeedback.objects.create(path="/", useful=False, comment="<script>alert(1)</script>")
    response = admin_client.get("/admin/insight/pagefeedback/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_admin_filters_and_searches_feedback(admin_client):
    PageFeedback.objects.create(path="/", useful=True)
    PageFeedback.objects.create(path="/privacy", useful=False, comment="unclear wording")
    html = admin_client.get("/admin/insight/pagefeedback/?useful__exact=0").content.decode()
    assert "/privacy" in html and "unclear wording" in html
    html = admin_client.get("/admin/insight/pagefeedback/?q=wording").content.decode()
    assert "1 result" in html
    html = admin_client.get("/admin/insight/pagefeedback/?path=%2F").content.decode()
    assert "unclear wording" not in html


def test_admin_exports_feedback_as_a_safe_csv(admin_client):
    feedback = PageFeedback.objects.create(path="/", useful=False, comment="=HYPERLINK(1)")
    response = admin_client.post(
        "/admin/insight/pagefeedback/",
        {"action": "export_csv", "_selected_action": [feedback.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Date", "Page", "Useful", "Comment"]
    assert rows[1][1:] == ["/", "No", "'=HYPERLINK(1)"]
