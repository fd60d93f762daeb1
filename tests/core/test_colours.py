"""The site's own styles use GOV.UK Frontend 6.3.0's colours, not the pre-2025 palette."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FRONTEND = ROOT / "node_modules" / "govuk-frontend" / "dist" / "govuk"
HEX = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")
CUSTOM_PROPERTY = re.compile(r"var\((--govuk-[a-z0-9-]+)")
STYLE_ELEMENT = re.compile(r"<style\b[^>]*>(.*?)</style>", re.DOTALL)
APPS = ["core", "edge", "editorial", "careers", "programmes", "search", "insight", "alerts"]


def palette() -> set[str]:
    text = (FRONTEND / "settings" / "_colours-palette--internal.scss").read_text()
    return {colour.lower() for colour in HEX.findall(text)}


def defined_properties() -> set[str]:
    text = (FRONTEND / "govuk-frontend.min.css").read_text()
    return set(re.findall(r"(--govuk-[a-z0-9-]+):", text))


def our_styles() -> dict[str, str]:
    """Every stylesheet of ours, and every <style> element in a template."""
    sheets = [*(ROOT / "static" / "css").rglob("*.css")]
    for app in APPS:
        sheets += (ROOT / app / "static").rglob("*.css")
    styles = {str(path.relative_to(ROOT)): path.read_text() for path in sheets}
    for app in [*APPS, "templates"]:
        for path in (ROOT / app).rglob("*.html"):
            if blocks := STYLE_ELEMENT.findall(path.read_text()):
                styles[str(path.relative_to(ROOT))] = "\n".join(blocks)
    return styles


def six_digits(colour: str) -> str:
    colour = colour.lower()
    return "".join(c * 2 for c in colour) if len(colour) == 3 else colour


def test_the_palette_is_the_current_one():
    colours = palette()
    assert {"1d70b8", "0f7a52", "cecece", "f3f3f3", "484949"} <= colours
    assert not {"00703c", "b1b4b6", "f3f2f1", "505a5f"} & colours


def test_every_colour_is_from_the_govuk_frontend_palette():
    colours = palette()
    styles = our_styles()
    assert "static/css/app.css" in styles and "careers/static/careers/careers.css" in styles
    found = {
        name: sorted({f"#{c}" for c in map(six_digits, HEX.findall(text)) if c not in colours})
        for name, text in styles.items()
    }
    assert {name: bad for name, bad in found.items() if bad} == {}


def test_every_govuk_custom_property_used_exists():
    defined = defined_properties()
    assert "--govuk-border-colour" in defined
    used = {name: set(CUSTOM_PROPERTY.findall(text)) for name, text in our_styles().items()}
    assert {name: names - defined for name, names in used.items() if names - defined} == {}
