from careers.models import AreaOfPractice, CareerStage, GuidancePage, Role
from core.sitemaps import PublishedSitemap, SectionSitemap


class CareersSectionSitemap(SectionSitemap):
    label = "Main sections"
    pages = [
        ("careers:home", "Home", CareerStage),
        ("careers:stages", "Career stages", CareerStage),
        ("careers:roles", "Explore roles", Role),
        ("careers:career_paths", "Career paths", Role),
        ("careers:areas", "Explore areas of practice", AreaOfPractice),
        ("careers:plan_start", "Plan your next step", Role),
    ]


class CareerStageSitemap(PublishedSitemap):
    label = "Career stages"
    model = CareerStage


class RoleSitemap(PublishedSitemap):
    label = "Roles"
    model = Role


class AreaOfPracticeSitemap(PublishedSitemap):
    label = "Areas of practice"
    model = AreaOfPractice


class GuidanceSitemap(PublishedSitemap):
    label = "Guidance"
    model = GuidancePage


SITEMAPS = {
    "careers": CareersSectionSitemap,
    "stages": CareerStageSitemap,
    "roles": RoleSitemap,
    "areas": AreaOfPracticeSitemap,
    "guidance": GuidanceSitemap,
}
