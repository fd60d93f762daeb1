"""Hostile and malformed input, generated: no request may give a server error, and every
HTML error page uses the GOV.UK layout."""

import os
import re

import pytest
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Values an attacker or a broken client might send.
NASTY_TEXT = st.one_of(
    st.text(max_size=50),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
    st.just("\x00"),
    st.just("a\x00b"),
    st.just("x" * 10_000),
    st.just("%zz%"),
    st.just("' OR 1=1 --"),
    st.just('"unbalanced'),
    st.just("<script>alert(1)</script>"),
    st.just("../../etc/passwd"),
    st.just("-1"),
    st.just("999999999999999999999"),
)
PARAM_NAMES = st.sampled_from(
    ["q", "page", "stage", "role", "format", "open", "current", "type", "range", "start",
     "end", "next", "back", "from", "utm_source", "x"]
)  # fmt: skip
METHODS = st.sampled_from(["GET", "GET", "GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS"])
RAW_QUERY = st.one_of(
    st.lists(st.tuples(PARAM_NAMES, NASTY_TEXT), max_size=6).map(
        lambda pairs: "&".join(f"{name}={value}" for name, value in pairs)
    ),
    st.sampled_from(["%", "%%%", "q=%ff%fe", "q=%00", "page=%C0%AF", "&&&==", "q"]),
)
CONVERTER = re.compile(r"<(?:(?P<type>\w+):)?(?P<name>\w+)>")


def public_route_templates() -> list[str]:
    """Every public address pattern, with its parameters left as {placeholders}."""
    templates: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                templates.append(route)

    walk(get_resolver().url_patterns, "")
    # The admin is behind a login and not GOV.UK-styled; it is tested on its own.
    return sorted({"/" + t.lstrip("^").rstrip("$") for t in templates if "admin" not in t})


ROUTES = st.sampled_from(public_route_templates())


def fill(template: str, values: list[str]) -> str:
    values = iter(values)
    return CONVERTER.sub(lambda match: next(values, "x") or "x", template)


def send(client, method: str, path: str, query: str):
    # A WSGI server hands over the raw query bytes decoded as Latin-1.
    extra = {"QUERY_STRING": query.encode("utf-8").decode("latin-1")}
    if method == "POST":
        return client.post(path, data={"comment": "x" * 2000, "consent": "maybe"}, **extra)
    return client.generic(method, path, **extra)


def assert_handled(response, path: str) -> None:
    assert response.status_code < 500, f"{response.status_code} for {path}"
    content_type = response.get("Content-Type", "")
    if response.status_code >= 400 and content_type.startswith("text/html") and response.content:
        assert b"govuk-template" in response.content, f"no GOV.UK layout for {path}"


@pytest.mark.django_db
@settings(
    max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "400")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    route=ROUTES,
    segments=st.lists(NASTY_TEXT.map(lambda t: t.replace("/", "")[:300]), max_size=3),
    method=METHODS,
    query=RAW_QUERY,
)
def test_no_request_gives_a_server_error(client, site_content, route, segments, method, query):
    client.raise_request_exception = False
    cache.clear()  # so the rate limits do not hide the pages behind the 429 page
    path = fill(route, segments)
    assert_handled(send(client, method, path, query), path)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "cookie",
    [
        {"cookie_consent": "\x00"},
        {"cookie_consent": "accept; reject"},
        {"cookie_consent": "x" * 4000},
        {"sessionid": "not-a-session"},
        {"csrftoken": "short"},
        {"csrftoken": "x" * 64},
    ],
)
def test_malformed_cookies_are_ignored(client, site_content, cookie):
    client.raise_request_exception = False
    for name, value in cookie.items():
        client.cookies[name] = value
    for path in public_route_templates():
        if "<" in path:
            continue
        assert_handled(client.get(path), path)


# The site's forms, with the fields each really has, so generated values reach the checks.
FORMS = {
    "/cookies/consent": ["cookies", "next"],
    "/cookies": ["analytics", "next"],
    "/page-feedback": ["page", "answer", "comment", "ref", "website"],
}
KNOWN_VALUES = st.sampled_from(["accept", "reject", "yes", "no", "/", "", "comment"])
FORM_VALUE = st.one_of(NASTY_TEXT, KNOWN_VALUES, st.lists(NASTY_TEXT, min_size=2, max_size=3))
RAW_BODY = st.one_of(
    st.sampled_from(["%", "cookies=%zz", "next=%00", "=&=&", "a" * 10_000, "comment=%C0%AF"]),
    st.binary(max_size=300).map(lambda b: b.decode("latin-1")),
)


@pytest.mark.django_db
@settings(
    max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    form=st.sampled_from(sorted(FORMS)),
    data=st.data(),
    extra=st.dictionaries(PARAM_NAMES, FORM_VALUE, max_size=3),
    raw=st.one_of(st.none(), RAW_BODY),
)
def test_no_form_submission_gives_a_server_error(client, site_content, form, data, extra, raw):
    client.raise_request_exception = False
    cache.clear()  # so the rate limits do not hide the forms behind the 429 page
    if raw is not None:
        response = client.generic(
            "POST", form, raw.encode("latin-1"), content_type="application/x-www-form-urlencoded"
        )
    else:
        fields = data.draw(
            st.fixed_dictionaries({}, optional=dict.fromkeys(FORMS[form], FORM_VALUE))
        )
        response = client.post(form, {**extra, **fields})
    assert_handled(response, form)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(username=NASTY_TEXT, password=NASTY_TEXT, next_=NASTY_TEXT)
def test_admin_sign_in_never_gives_a_server_error(client, username, password, next_):
    client.raise_request_exception = False
    cache.clear()
    response = client.post(
        "/admin/login/", {"username": username, "password": password, "next": next_}
    )
    assert response.status_code < 500


def test_every_public_route_is_covered():
    # New routes join the generated requests by themselves; these must be among them.
    routes = public_route_templates()
    for expected in [
        "/",
        "/search",
        "/cookies",
        "/cookies/consent",
        "/page-feedback",
        "/healthz",
        "/sitemap.xml",
        "/api/v1/programmes",
        "/api/v1/roles",
        "/development-programmes/<slug:slug>/sign-up/",
    ]:
        assert expected in routes, expected
