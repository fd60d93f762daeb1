"""What editors see around the forms: plain names, the editors' guide, and a Markdown
preview beside each Markdown box that saves nothing."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils.html import escape

from careers.models import GuidancePage
from core.markdown import render_markdown
from core.models import ContentPage, Status
from editorial.guide import guide_html
from editorial.models import PendingChange
from programmes.models import Programme
from tests.admin.conftest import ADMIN, change_url, form_data

GUIDE = f"{ADMIN}/guide/"
PREVIEW = "_markdown_preview"
HOSTILE = '<script>alert("x")</script> [a link](javascript:alert(1)) <img src=x onerror=alert(1)>'


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# Plain names


def test_the_admin_home_names_every_app_in_plain_english(superuser_client):
    html = text(superuser_client.get(f"{ADMIN}/").content.decode())
    for name in [
        "Sign-in lockouts",
        "Two-factor sign-in: authenticator apps",
        "Two-factor sign-in: backup codes",
        "Staff accounts and groups",
    ]:
        assert name in html
    for raw in ["Axes", "AXES", "Otp_Totp", "OTP_TOTP", "Otp_Static", "OTP_STATIC"]:
        assert raw not in html


@pytest.mark.parametrize(
    ("model", "label"),
    [
        ("core/contentpage", "Web address"),
        ("careers/careerstage", "Web address"),
        ("careers/role", "Web address"),
        ("careers/areaofpractice", "Web address"),
        ("careers/guidancepage", "Web address"),
        ("programmes/programme", "Web address"),
        # Not in any page's address: a name for spreadsheets.
        ("careers/standard", "Short name"),
        ("programmes/provider", "Short name"),
        ("programmes/programmefamily", "Short name"),
    ],
)
def test_slugs_have_plain_labels(publisher_client, db, model, label):
    html = publisher_client.get(f"{ADMIN}/{model}/add/").content.decode()
    assert re.search(rf'<label[^>]*for="id_slug"[^>]*>{label}:?</label>', html), label
    assert ">Slug" not in html


def test_the_main_button_says_save(editor_client, programme):
    html = editor_client.get(change_url(programme)).content.decode()
    assert re.search(r'<input type="submit" value="Save" class="default" name="_save">', html)


def test_a_taken_web_address_is_explained(publisher_client, site_content):
    data = form_data(publisher_client, Programme.objects.get(slug="asye"))
    data["slug"] = Programme.objects.exclude(slug="asye").first().slug
    html = publisher_client.post(change_url(Programme.objects.get(slug="asye")), data)
    assert "Another programme already uses this web address. Choose another." in (
        html.content.decode()
    )


# The editors' guide


@pytest.fixture
def superuser_client(db):
    user = User.objects.create_superuser("admin", password="a-long-test-password")
    client = Client()
    client.force_login(user)
    return client


def test_staff_read_the_guide_in_the_admin(editor_client):
    response = editor_client.get(GUIDE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Editing the site" in html and "Writing text" in html
    # Drawn by the site's renderer, with ids so the guide's own section links work.
    assert 'id="writing-text"' in html and 'href="#changes-to-published-content"' in html
    assert 'id="changes-to-published-content"' in html
    assert "govuk-table" in html and "<table" in html


def test_the_guide_is_for_staff_only(client, db):
    response = client.get(GUIDE)
    assert response.status_code == 302 and "/login/" in response["Location"]
    member = User.objects.create_user("visitor", password="a-long-test-password")
    other = Client()
    other.force_login(member)
    assert other.get(GUIDE).status_code == 302


def test_the_guide_links_only_to_its_sections_and_to_web_addresses():
    # A link to another file beside docs/editing.md would lead nowhere from the admin.
    html = guide_html()
    for address in re.findall(r'href="([^"]*)"', html):
        if address.startswith("#"):
            assert f'id="{address[1:]}"' in html, address
        else:
            assert address.startswith(("https://", "/")), address


def test_the_guide_is_the_rendered_docs_file(settings):
    source = (settings.BASE_DIR / "docs" / "editing.md").read_text()
    assert text(guide_html()) == text(render_markdown(source))


@pytest.mark.parametrize(
    "page",
    [
        "/programmes/programme/add/",
        "/careers/role/add/",
        "/programmes/provider/add/",
        "/auth/user/add/",
        "/auth/group/add/",
    ],
)
def test_every_change_form_links_to_the_guide(superuser_client, db, page):
    html = superuser_client.get(f"{ADMIN}{page}").content.decode()
    assert f'href="{GUIDE}"' in html
    assert "Read the editors&#x27; guide" in html or "Read the editors' guide" in html


# Markdown preview


def test_markdown_boxes_have_a_preview_button_and_a_link_to_how_to_write(editor_client, programme):
    html = editor_client.get(change_url(programme)).content.decode()
    assert f'name="{PREVIEW}" value="body"' in html
    assert f'href="{GUIDE}#writing-text"' in html
    assert 'id="id_body-preview" hidden' in html  # nothing to show until asked
    assert "js/admin-editing" in html


def preview_post(client, obj, **changes):
    data = form_data(client, obj)
    data.update(changes)
    data[PREVIEW] = "body"
    return client.post(change_url(obj), data)


def preview_of(html: str) -> str:
    found = re.search(
        r'<div class="app-markdown__rendered">(.*?)</div>\s*</div>\s*</div>', html, re.S
    )
    assert found, "no preview on the page"
    return found[1]


def test_preview_shows_the_form_again_with_the_rendered_text_and_saves_nothing(
    editor_client, programme
):
    before = list(Programme.objects.filter(pk=programme.pk).values())
    versions = programme.history.count()
    response = preview_post(
        editor_client, programme, body="## How it works\n\n- one\n- two", name="A new name"
    )
    html = response.content.decode()
    assert response.status_code == 200
    rendered = preview_of(html)
    assert '<h2 class="govuk-heading-l">How it works</h2>' in rendered
    assert '<ul class="govuk-list govuk-list--bullet">' in rendered
    # The form is as posted, unsaved, without a complaint.
    form = response.context["adminform"].form
    assert form["name"].value() == "A new name"
    assert "## How it works" in form["body"].value()
    assert "Please correct" not in html and "was changed successfully" not in html
    assert list(Programme.objects.filter(pk=programme.pk).values()) == before
    assert programme.history.count() == versions
    assert not PendingChange.objects.exists()  # an editor's preview is not held for review


def test_preview_of_a_new_page(editor_client, db):
    response = editor_client.post(
        f"{ADMIN}/careers/guidancepage/add/",
        {
            "title": "New guide",
            "slug": "new-guide",
            "summary": "S",
            "body": "**Bold**",
            PREVIEW: "body",
        },
    )
    assert response.status_code == 200
    assert "<strong>Bold</strong>" in preview_of(response.content.decode())
    assert not GuidancePage.objects.filter(slug="new-guide").exists()


def test_preview_still_shows_mistakes(editor_client, programme):
    html = preview_post(editor_client, programme, sign_up_url="http://insecure.example").content
    html = html.decode()
    assert "must start with https://" in html
    assert preview_of(html)


def test_preview_of_hostile_text_is_safe(publisher_client, site_content):
    page = ContentPage.objects.first()
    html = preview_post(publisher_client, page, body=HOSTILE).content.decode()
    rendered = preview_of(html)
    assert "<script" not in rendered and "<img" not in rendered
    assert 'href="javascript' not in rendered
    assert "&lt;script&gt;" in rendered


def test_an_empty_box_says_there_is_nothing_to_preview(editor_client, programme):
    html = preview_post(editor_client, programme, body="").content.decode()
    assert "There is no text to preview yet." in preview_of(html)


def test_saving_after_a_preview_saves_as_usual(publisher_client, site_content):
    page = ContentPage.objects.filter(status=Status.PUBLISHED).first()
    data = form_data(publisher_client, page)
    data["body"] = "Saved text."
    response = publisher_client.post(change_url(page), data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.body_html == render_markdown("Saved text.")


def test_order_boxes_in_a_list_are_named_by_their_row(publisher_client, site_content):
    html = publisher_client.get(f"{ADMIN}/programmes/programme/").content.decode()
    programme = Programme.objects.order_by("order", "name").first()
    assert f'aria-label="Order, {escape(str(programme))}"' in html


def test_the_save_buttons_come_before_any_preview_button(editor_client, site_content):
    # Enter in a field presses the form's first submit button.
    html = editor_client.get(change_url(GuidancePage.objects.first())).content.decode()
    assert html.index('name="_save"') < html.index('name="_markdown_preview"')
