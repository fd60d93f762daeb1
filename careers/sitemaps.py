from careers.models import AreaOfPractice, CareerStage, GuidancePage, Role
from core.sitemaps import PublicSitemap, SectionSitemap


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


class CareerStageSitemap(PublicSitemap):
    label = "Career stages"
    model = CareerStage


class RoleSitemap(PublicSitemap):
    label = "Roles"
    model = Role


class AreaOfPracticeSitemap(PublicSitemap):
    label = "Areas of practice"
    model = AreaOfPractice


class GuidanceSitemap(PublicSitemap):
    label = "Guidance"
    model = GuidancePage


SITEMAPS = {
    "careers": CareersSectionSitemap,
    "stages": CareerStageSitemap,
    "roles": RoleSitemap,
    "areas": AreaOfPracticeSitemap,
    "guidance": GuidanceSitemap,
}
