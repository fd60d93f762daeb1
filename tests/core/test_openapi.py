"""The open data API's OpenAPI description, served at /api/v1/openapi.json, against the real
responses of every endpoint it describes, as production serves them.

Every object in it forbids fields it does not list, so a field added to an endpoint fails
here, naming the field, until it is described."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import URLPattern, URLResolver, get_resolver
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from careers import api as careers_api
from careers.models import Role
from config.urls import OPEN_DATA_API
from core import opendata
from programmes.lifecycle import HowToJoin, Lifecycle
from programmes.models import ApplicationWindow, Format, Programme
from tests.conftest import ProxiedClient

PREFIX = "/api/v1"
ROOT = "urn:open-data-api"
FORMATS = Draft202012Validator.FORMAT_CHECKER
HINT = (
    "Describe every field an endpoint returns in the openapi.yaml of the app that owns it "
    "(careers/openapi.yaml, programmes/openapi.yaml; shared parts in core/openapi.yaml)."
)
JSON = "application/json"


@pytest.fixture
def client(production):
    return ProxiedClient()


def pointer(*parts: str) -> str:
    return "".join("/" + part.replace("~", "~0").replace("/", "~1") for part in parts)


def at(document: dict, json_pointer: str):
    node = document
    for part in json_pointer.split("/")[1:]:
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def resolved(document: dict, node: dict) -> dict:
    """An OpenAPI object, its $ref (within the document) followed."""
    while "$ref" in node:
        node = at(document, node["$ref"].removeprefix("#"))
    return node


def assert_matches(document: dict, schema_at: str, instance, where: str) -> None:
    """`instance` is valid against the schema at JSON pointer `schema_at` in `document`; a
    failure lists every difference, field by field."""
    registry = Registry().with_resource(
        ROOT, Resource.from_contents(document, default_specification=DRAFT202012)
    )
    validator = Draft202012Validator(
        {"$ref": f"{ROOT}#{schema_at}"}, registry=registry, format_checker=FORMATS
    )
    errors = sorted(validator.iter_errors(instance), key=lambda error: list(error.absolute_path))
    if errors:
        lines = [
            f"  at {'/'.join(map(str, error.absolute_path)) or 'the top'}: {error.message}"
            for error in errors[:20]
        ]
        details = "\n".join(lines)
        raise AssertionError(f"{where} does not match its description:\n{details}\n{HINT}")


def api_routes() -> set[str]:
    """Every address the site answers under /api/v1/, from its URL configuration."""
    found = set()

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and route.startswith(PREFIX[1:] + "/"):
                found.add("/" + route.removeprefix(PREFIX[1:]).lstrip("/"))

    walk(get_resolver().url_patterns, "")
    return found


def check_endpoint(client, document: dict, path: str) -> list[int]:
    """Asks `path` everything its description says it answers: JSON, CSV, a bad format and a
    conditional request. Checks each answer's status, headers and body; returns the statuses
    seen."""
    operation = document["paths"][path]["get"]
    responses = operation["responses"]
    parameters = [
        resolved(document, parameter)["name"] for parameter in operation.get("parameters", [])
    ]
    url = PREFIX + path
    asked = [(url, {})]
    if "format" in parameters:
        asked += [(url + "?format=csv", {}), (url + "?format=xml", {})]
    seen = []
    for address, headers in asked:
        response = client.get(address, **headers)
        seen.append(response.status_code)
        check_response(document, path, address, response)
        if response.status_code == 200 and "If-None-Match" in parameters:
            again = client.get(address, HTTP_IF_NONE_MATCH=response["ETag"])
            assert again.status_code == 304
            assert "304" in responses
            check_response(document, path, address, again)
            seen.append(304)
    return seen


def check_response(document: dict, path: str, address: str, response) -> None:
    status = str(response.status_code)
    responses = document["paths"][path]["get"]["responses"]
    assert status in responses, f"{address} answered {status}, which is not described"
    described = resolved(document, responses[status])
    for name, header in described.get("headers", {}).items():
        header = resolved(document, header)
        if header.get("required"):
            assert name in response.headers, f"{address}: no {name} header"
            schema = header["schema"]
            if "const" in schema:
                assert response[name] == schema["const"]
    content = described.get("content", {})
    if response.status_code == 304:
        assert not content and response.content == b""
        return
    media_type = response["Content-Type"].split(";")[0]
    assert media_type in content, f"{address} answered {media_type}, which is not described"
    if media_type == JSON:
        schema_at = pointer("paths", path, "get", "responses", status, "content", JSON, "schema")
        if "$ref" in responses[status]:
            schema_at = responses[status]["$ref"].removeprefix("#") + pointer(
                "content", JSON, "schema"
            )
        assert_matches(document, schema_at, response.json(), f"GET {address}")


def test_the_description_is_served_like_every_open_data_response(client, db):
    response = client.get(f"{PREFIX}/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"] == JSON
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Access-Control-Allow-Origin"] == "*"
    exposed = {name.strip() for name in response["Access-Control-Expose-Headers"].split(",")}
    assert exposed == {"ETag", "Last-Modified", "X-Request-ID"}
    assert response.json() == OPEN_DATA_API
    assert response.json()["openapi"].startswith("3.1.")
    again = client.get(f"{PREFIX}/openapi.json", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert client.options(f"{PREFIX}/openapi.json").status_code == 204
    assert client.post(f"{PREFIX}/openapi.json").status_code == 405


def test_every_address_of_the_api_is_described_and_every_description_answers():
    assert api_routes() == set(OPEN_DATA_API["paths"])


def test_every_schema_is_valid_json_schema_and_every_reference_resolves():
    def walk(node, where: str):
        if isinstance(node, dict):
            if "$ref" in node:
                assert node["$ref"].startswith("#/"), where
                at(OPEN_DATA_API, node["$ref"][1:])  # KeyError if it points nowhere
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for n, value in enumerate(node):
                walk(value, f"{where}/{n}")

    walk(OPEN_DATA_API, "")
    for name, schema in OPEN_DATA_API["components"]["schemas"].items():
        Draft202012Validator.check_schema(schema)
        if schema.get("type") == "object":
            assert schema.get("additionalProperties") is False, f"{name} must list every field"
            assert set(schema["required"]) == set(schema["properties"]), name
    # Dates and times are checked, not only described.
    assert {"date", "date-time"} <= set(FORMATS.checkers)


def test_every_endpoint_answers_as_described(client, site_content):
    # Some of every kind of value the fields can have: no salary, a programme not in a
    # family, application windows.
    Role.objects.filter(slug="practice-supervisor").update(salary_from=None, salary_to=None)
    Programme.objects.filter(slug="asye").update(family=None)
    ApplicationWindow.objects.create(
        programme=Programme.objects.get(slug="pathways-modules"),
        opens_on=datetime.date(2026, 1, 5),
        closes_on=datetime.date(2026, 2, 27),
    )
    for path in OPEN_DATA_API["paths"]:
        seen = check_endpoint(client, OPEN_DATA_API, path)
        assert 200 in seen, path
    roles = client.get(f"{PREFIX}/roles").json()["roles"]
    assert any(role["salary_from"] is None for role in roles)
    programmes = client.get(f"{PREFIX}/programmes").json()["programmes"]
    assert {programme["lifecycle"] for programme in programmes} >= {"running", "ended"}
    assert any(programme["application_windows"] for programme in programmes)
    assert any(programme["replaced_by"] for programme in programmes)


def test_an_empty_catalogue_answers_as_described(client, db):
    for path in OPEN_DATA_API["paths"]:
        assert 200 in check_endpoint(client, OPEN_DATA_API, path)


def test_a_field_the_description_lacks_fails_with_its_name(client, site_content):
    data = client.get(f"{PREFIX}/roles").json()
    data["roles"][0]["entry_requirements"] = ["A social work degree"]
    schema_at = pointer("paths", "/roles", "get", "responses", "200", "content", JSON, "schema")
    with pytest.raises(AssertionError) as failure:
        assert_matches(OPEN_DATA_API, schema_at, data, "GET /api/v1/roles")
    message = str(failure.value)
    unexpected = "('entry_requirements' was unexpected)"
    assert f"at roles/0: Additional properties are not allowed {unexpected}" in message
    assert "careers/openapi.yaml" in message


def test_a_field_missing_from_a_response_fails_too(client, site_content):
    data = client.get(f"{PREFIX}/programmes").json()
    del data["programmes"][0]["lifecycle"]
    data["programmes"][1]["starts_on"] = "next spring"
    schema_at = pointer("components", "schemas", "ProgrammeList")
    with pytest.raises(AssertionError, match="'lifecycle' is a required property") as failure:
        assert_matches(OPEN_DATA_API, schema_at, data, "GET /api/v1/programmes")
    assert "at programmes/1/starts_on: 'next spring' is not a 'date'" in str(failure.value)


@pytest.mark.parametrize(
    "schema, field, choices",
    [
        ("Programme", "lifecycle", Lifecycle),
        ("Programme", "how_to_join", HowToJoin),
        ("Programme", "format", Format),
    ],
)
def test_the_described_choices_are_the_models(schema, field, choices):
    described = OPEN_DATA_API["components"]["schemas"][schema]["properties"][field]["enum"]
    assert described == list(choices.values)


def test_an_app_cannot_describe_what_another_already_has(tmp_path):
    clash = tmp_path / "openapi.yaml"
    clash.write_text("components:\n  schemas:\n    Meta: {type: object}\n")
    with pytest.raises(ImproperlyConfigured, match=r"schemas already described: \['Meta'\]"):
        opendata.api_description(opendata.OPENAPI, careers_api.OPENAPI, clash)
    stray = tmp_path / "stray.yaml"
    stray.write_text("info: {title: mine}\n")
    with pytest.raises(ImproperlyConfigured, match="only paths and components"):
        opendata.api_description(opendata.OPENAPI, stray)
