"""The pages whose views are counted, known by URL name rather than address.

The one list of what is counted: the page-view middleware counts a successful visit to any
page named here, and the dashboard shows each by the name given here or, for a page about one
thing (a role, a programme), by that thing's own title. Add a page's URL name here to count it.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Model


@dataclass(frozen=True)
class CountedPage:
    url_name: str
    # What the dashboard calls the page, or the kind of thing it is about.
    label: str
    # For a page about one thing: its model ("app_label.ModelName"), found by the URL
    # argument of the same name as the model field `lookup`.
    model: str = ""
    lookup: str = "slug"

    def model_class(self) -> type[Model] | None:
        return apps.get_model(self.model) if self.model else None


COUNTED_PAGES: dict[str, CountedPage] = {
    page.url_name: page
    for page in [
        CountedPage("careers:home", "Home page"),
        CountedPage("careers:stages", "Career stages"),
        CountedPage("careers:stage", "Career stage", "careers.CareerStage"),
        CountedPage("careers:roles", "Explore roles"),
        CountedPage("careers:compare", "Compare roles"),
        CountedPage("careers:role", "Role", "careers.Role"),
        CountedPage("careers:career_paths", "Career paths"),
        CountedPage("careers:areas", "Areas of practice"),
        CountedPage("careers:area", "Area of practice", "careers.AreaOfPractice"),
        CountedPage("careers:guidance", "Guidance page", "careers.GuidancePage"),
        CountedPage("programmes:list", "Development programmes"),
        CountedPage("programmes:detail", "Programme", "programmes.Programme"),
        CountedPage("search:search", "Search"),
        CountedPage("sitemap", "Sitemap"),
        CountedPage("insight:cookies", "Cookies"),
        CountedPage("core:accessibility", "Content page", "core.ContentPage"),
        CountedPage("core:privacy", "Content page", "core.ContentPage"),
        CountedPage("core:terms_and_conditions", "Content page", "core.ContentPage"),
    ]
}
