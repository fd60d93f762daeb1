"""Static files as production serves them: collected, hashed, compressed, cached for a year."""

import re

import pytest
from django.core.management import call_command
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from whitenoise.middleware import WhiteNoiseMiddleware

MANIFEST_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root, STORAGES=MANIFEST_STORAGE):
        call_command("collectstatic", interactive=False, verbosity=0)
        middleware = WhiteNoiseMiddleware(lambda request: HttpResponse(status=404))
        yield root, middleware


def hashed_css(root) -> str:
    [css] = (root / "govuk-frontend").glob("govuk-frontend.min.*.css")
    return css.name


def test_govuk_css_refers_to_hashed_fonts_and_images(collected):
    root, _ = collected
    css = (root / "govuk-frontend" / hashed_css(root)).read_text()
    assert "url(/assets/" not in css
    fonts = re.findall(r"url\(\"?(assets/fonts/[^)\"]+)\"?\)", css)
    assert fonts and all(re.search(r"\.[0-9a-f]{12}\.woff2?$", font) for font in fonts)


def test_hashed_files_are_compressed_and_cached_for_a_year(collected):
    root, middleware = collected
    request = RequestFactory().get(
        f"/static/govuk-frontend/{hashed_css(root)}", HTTP_ACCEPT_ENCODING="gzip, br"
    )
    response = middleware(request)
    assert response.status_code == 200
    assert response["Content-Encoding"] in {"gzip", "br"}
    assert "max-age=31536000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]
