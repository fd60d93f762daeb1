from core.sitemaps import PublicSitemap, SectionSitemap
from programmes.models import Programme


class ProgrammesSectionSitemap(SectionSitemap):
    label = "Development programmes"
    pages = [("programmes:list", "All development programmes", Programme)]


class ProgrammeSitemap(PublicSitemap):
    label = "Development programmes"
    model = Programme


SITEMAPS = {"programmes-section": ProgrammesSectionSitemap, "programmes": ProgrammeSitemap}
