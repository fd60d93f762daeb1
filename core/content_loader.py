from pathlib import Path

from core.loading import read_yaml, save_by_slug
from core.models import ContentPage, Status

CONTENT_FILE = Path(__file__).parent / "content" / "pages.yaml"


def load(*, overwrite: bool = False) -> dict[str, int]:
    written = 0
    for page in read_yaml(CONTENT_FILE)["pages"]:
        fields = {
            "title": page["title"],
            "summary": page["summary"],
            "body": page["body"],
            "status": Status.PUBLISHED,
        }
        _, saved = save_by_slug(ContentPage, slug=page["slug"], fields=fields, overwrite=overwrite)
        written += saved
    return {"content pages": written}
