from pathlib import Path

from core.content_files import overwrite_for_revision, read_yaml, save_by_slug
from core.models import ContentPage, Status

CONTENT_FILE = Path(__file__).parent / "content" / "pages.yaml"


def load(*, overwrite: bool = False) -> dict[str, int]:
    content = read_yaml(CONTENT_FILE)
    overwrite = overwrite_for_revision(name="core", content=content, overwrite=overwrite)
    written = 0
    for page in content["pages"]:
        fields = {
            "title": page["title"],
            "summary": page["summary"],
            "body": page["body"],
            "status": Status.PUBLISHED,
        }
        _, saved = save_by_slug(ContentPage, slug=page["slug"], fields=fields, overwrite=overwrite)
        written += saved
    return {"content pages": written}
