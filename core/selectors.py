from core.models import ContentPage


def published_content_page(*, slug: str) -> ContentPage | None:
    return ContentPage.objects.published().filter(slug=slug).first()
