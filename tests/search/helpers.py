import re
from html import unescape

RESULT = re.compile(
    r'<li class="app-search-results__item">.*?app-search-results__type">(?P<kind>[^<]+)</p>'
    r'.*?<a class="govuk-link" href="(?P<href>[^"]+)">(?P<title>[^<]+)</a>'
    r'.*?<p class="govuk-body">(?P<snippet>.*?)</p>',
    re.DOTALL,
)


def results(response) -> list[dict]:
    html = response.content.decode()
    return [
        {**match.groupdict(), "title": unescape(match["title"]), "kind": unescape(match["kind"])}
        for match in RESULT.finditer(html)
    ]


def titles(response) -> list[str]:
    return [result["title"] for result in results(response)]


def heading(response) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.DOTALL)
    return unescape(match.group(1).strip()) if match else ""


def page_title(response) -> str:
    match = re.search(r"<title>(.*?)</title>", response.content.decode(), re.DOTALL)
    return unescape(match.group(1).strip()) if match else ""
