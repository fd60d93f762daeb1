"""Rules with no pages: visitor keys, bots, sources and targets. Programme status rules are
in test_lifecycle.py."""

import datetime

import pytest

from edge.bots import is_bot
from programmes import services
from programmes.models import Programme

TODAY = datetime.date(2026, 3, 10)


def test_visitor_key_is_stable_for_a_day_and_holds_no_address_or_agent():
    key = services.visitor_key(address="203.0.113.9", user_agent="Firefox", today=TODAY)
    assert key == services.visitor_key(address="203.0.113.9", user_agent="Firefox", today=TODAY)
    assert len(key) == 64 and "203.0.113.9" not in key
    assert key != services.visitor_key(address="203.0.113.10", user_agent="Firefox", today=TODAY)
    assert key != services.visitor_key(address="203.0.113.9", user_agent="Chrome", today=TODAY)


def test_visitor_key_changes_every_day_and_with_the_secret(settings):
    key = services.visitor_key(address="203.0.113.9", user_agent="Firefox", today=TODAY)
    tomorrow = TODAY + datetime.timedelta(days=1)
    assert key != services.visitor_key(address="203.0.113.9", user_agent="Firefox", today=tomorrow)
    settings.SECRET_KEY = "another secret"
    assert key != services.visitor_key(address="203.0.113.9", user_agent="Firefox", today=TODAY)


@pytest.mark.parametrize(
    ("user_agent", "bot"),
    [
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0", False),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile Safari/604.1", False),
        ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", True),
        ("Mozilla/5.0 (compatible; bingbot/2.0)", True),
        ("facebookexternalhit/1.1", True),
        ("Slackbot-LinkExpanding 1.0", True),
        ("curl/8.5.0", True),
        ("python-requests/2.32", True),
        ("", True),
        ("   ", True),
    ],
)  # fmt: skip
def test_known_bots_are_recognised_by_user_agent(user_agent, bot):
    assert is_bot(user_agent) is bot


@pytest.mark.parametrize(
    ("headers", "prefetch"),
    [
        ({}, False),
        ({"Sec-Purpose": "prefetch"}, True),
        ({"Sec-Purpose": "prefetch;prerender"}, True),
        ({"Purpose": "prefetch"}, True),
        ({"Sec-Purpose": ""}, False),
    ],
)
def test_prefetches_are_recognised(headers, prefetch):
    assert services.is_prefetch(headers=headers) is prefetch


@pytest.mark.parametrize(
    ("referer", "path"),
    [
        ("https://testserver/development-programmes/asye/", "/development-programmes/asye/"),
        ("http://testserver/career-stages/manager/?q=my+name", "/career-stages/manager/"),
        ("https://evil.example/development-programmes/", ""),
        ("https://testserver.evil.example/", ""),
        ("//evil.example/x", ""),
        ("/development-programmes/", ""),
        ("javascript:alert(1)", ""),
        ("ftp://testserver/file", ""),
        ("not a url", ""),
        ("", ""),
    ],
)  # fmt: skip
def test_source_path_is_kept_only_for_pages_on_this_site(referer, path):
    assert services.internal_source_path(referer=referer, host="testserver") == path


def test_source_path_is_cut_to_fit_and_loses_nul_characters():
    referer = "https://testserver/" + "a\x00" * 400
    path = services.internal_source_path(referer=referer, host="testserver")
    assert len(path) == 300 and "\x00" not in path


@pytest.mark.parametrize(
    ("stored", "target"),
    [
        ("https://provider.example/apply/",
         "https://provider.example/apply/?utm_source=develop-social-work-careers&utm_medium=referral&utm_campaign=pathway-1"),
        ("https://provider.example/apply?intake=may#form",
         "https://provider.example/apply?intake=may&utm_source=develop-social-work-careers&utm_medium=referral&utm_campaign=pathway-1#form"),
        ("https://provider.example/?utm_source=old&a=1",
         "https://provider.example/?a=1&utm_source=develop-social-work-careers&utm_medium=referral&utm_campaign=pathway-1"),
    ],
)  # fmt: skip
def test_sign_up_target_adds_campaign_tags_and_keeps_the_query(stored, target):
    programme = Programme(slug="pathway-1", sign_up_url=stored)
    assert services.sign_up_target(programme=programme) == target


@pytest.mark.parametrize(
    "stored", ["http://provider.example/", "javascript:alert(1)", "https:///x"]
)
def test_sign_up_target_refuses_anything_but_https(stored):
    with pytest.raises(ValueError, match="https"):
        services.sign_up_target(programme=Programme(slug="x", sign_up_url=stored))
