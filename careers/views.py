"""Careers pages. Detail views find the published object, then a render_<thing> function draws
the page for an object whatever its status, so staff can preview drafts with the same code."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from careers import pathmap, selectors
from careers.forms import ChoiceError, current_role, roles_to_compare
from careers.models import AreaOfPractice, CareerStage, GuidancePage, Role, Standard
from careers.structured_data import occupation
from core.seo import site_root
from core.structured_data import home_page

# Programme pages belong to the programmes app, which this app does not import.
BECOME_A_SOCIAL_WORKER = "become-a-social-worker"
FINDING_A_JOB = "finding-a-job"

HOME = {"text": "Home", "href": "/"}


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "careers/home.html",
        {
            "stages": list(selectors.published_stages()),
            "all_programmes_path": reverse(settings.ALL_PROGRAMMES_URL_NAME),
            "become_path": GuidancePage(slug=BECOME_A_SOCIAL_WORKER).get_absolute_url(),
            "structured_data": home_page(base_url=site_root(request)),
        },
    )


def stage_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "careers/stage_list.html",
        {
            "stages": list(selectors.published_stages()),
            "all_programmes_path": reverse(settings.ALL_PROGRAMMES_URL_NAME),
            "breadcrumbs": [HOME, {"text": "Career stages"}],
        },
    )


def stage_detail(request: HttpRequest, slug: str) -> HttpResponse:
    stage = selectors.published_stage(slug=slug)
    if stage is None:
        raise Http404
    return render_stage(request, stage)


def render_stage(request: HttpRequest, stage: CareerStage, *, preview: bool = False):
    return render(
        request,
        "careers/stage.html",
        {
            "stage": stage,
            **selectors.stage_page(stage=stage, today=timezone.localdate()),
            "all_programmes_path": reverse(settings.ALL_PROGRAMMES_URL_NAME),
            "breadcrumbs": [
                HOME,
                {"text": "Career stages", "href": reverse("careers:stages")},
                {"text": stage.name},
            ],
            "preview": preview,
        },
    )


def role_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "careers/role_list.html",
        {
            "groups": selectors.roles_by_stage(list(selectors.published_roles())),
            "finding_a_job_path": GuidancePage(slug=FINDING_A_JOB).get_absolute_url(),
            "breadcrumbs": [HOME, {"text": "Explore roles"}],
        },
    )


def role_detail(request: HttpRequest, slug: str) -> HttpResponse:
    role = selectors.published_role(slug=slug)
    if role is None:
        raise Http404
    return render_role(request, role)


def render_role(request: HttpRequest, role: Role, *, preview: bool = False) -> HttpResponse:
    return render(
        request,
        "careers/role.html",
        {
            "role": role,
            **selectors.role_page(role=role, today=timezone.localdate()),
            "finding_a_job_path": GuidancePage(slug=FINDING_A_JOB).get_absolute_url(),
            "breadcrumbs": [
                HOME,
                {"text": "Explore roles", "href": reverse("careers:roles")},
                {"text": role.title},
            ],
            "preview": preview,
            "structured_data": occupation(role, base_url=site_root(request)),
        },
    )


def compare_roles(request: HttpRequest) -> HttpResponse:
    roles = selectors.role_choices()
    slugs = request.GET.getlist("role")
    context = {
        "selects": _role_selects(roles, slugs),
        "error": "",
        "compared": [],
        "breadcrumbs": [
            HOME,
            {"text": "Explore roles", "href": reverse("careers:roles")},
            {"text": "Compare roles"},
        ],
    }
    if "role" not in request.GET:
        return render(request, "careers/compare.html", context)
    try:
        chosen = roles_to_compare(slugs=slugs, roles=roles)
    except ChoiceError as error:
        context.update(error=str(error), error_in_title=True)
        return render(request, "careers/compare.html", context, status=400)
    context["compared"] = selectors.compare_roles(
        slugs=[choice.slug for choice in chosen], today=timezone.localdate()
    )
    return render(request, "careers/compare.html", context)


COMPARE_LABELS = ["First role", "Second role", "Third role (optional)"]


def _role_selects(roles: list[selectors.RoleChoice], chosen: list[str]) -> list[dict]:
    """The comparison form's selects, each keeping the role the visitor chose in it. They
    share one list of options, drawn once with nothing selected (see compare.html)."""
    options = [{"value": "", "text": "Choose a role"}]
    options += [{"value": role.slug, "text": role.title} for role in roles]
    return [
        {
            "id": f"role-{number}",
            "label": label,
            "options": options,
            "chosen": chosen[number - 1] if len(chosen) >= number else "",
        }
        for number, label in enumerate(COMPARE_LABELS, start=1)
    ]


def career_paths(request: HttpRequest) -> HttpResponse:
    roles = selectors.career_map_roles()
    chosen = request.GET.get("current", "")
    context = {
        "roles": roles,
        "groups": selectors.roles_by_stage(roles),
        "role_items": [
            {"value": role.slug, "text": role.title, "selected": role.slug == chosen}
            for role in roles
        ],
        "current": None,
        "error": "",
        "breadcrumbs": [HOME, {"text": "Career paths"}],
    }
    status = 200
    if "current" in request.GET:
        try:
            current = current_role(slug=request.GET["current"], roles=roles)
        except ChoiceError as error:
            context.update(error=str(error), error_in_title=True)
            status = 400
        else:
            context.update(
                current=current,
                next_steps=selectors.next_steps(
                    current=current, roles=roles, today=timezone.localdate()
                ),
            )
    context["map"] = pathmap.layout(roles=roles, current=context["current"])
    return render(request, "careers/career_paths.html", context, status=status)


def area_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "careers/area_list.html",
        {
            "areas": list(selectors.published_areas()),
            "breadcrumbs": [HOME, {"text": "Areas of practice"}],
        },
    )


def area_detail(request: HttpRequest, slug: str) -> HttpResponse:
    area = selectors.published_area(slug=slug)
    if area is None:
        raise Http404
    return render_area(request, area)


def render_area(request: HttpRequest, area: AreaOfPractice, *, preview: bool = False):
    return render(
        request,
        "careers/area.html",
        {
            "area": area,
            **selectors.area_page(area=area),
            "breadcrumbs": [
                HOME,
                {"text": "Areas of practice", "href": reverse("careers:areas")},
                {"text": area.name},
            ],
            "preview": preview,
        },
    )


def render_standard(request: HttpRequest, standard: Standard, *, preview: bool = False):
    """Only staff see this, as a preview: how role pages name the standard, and which do."""
    return render(
        request,
        "careers/standard.html",
        {
            "standard": standard,
            "roles": selectors.roles_naming(standard),
            "breadcrumbs": [HOME, {"text": standard.name}],
            "preview": preview,
        },
    )


def guidance_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = selectors.published_guidance_page(slug=slug)
    if page is None:
        raise Http404
    return render_guidance_page(request, page)


def render_guidance_page(request: HttpRequest, page: GuidancePage, *, preview: bool = False):
    return render(
        request,
        "careers/guidance.html",
        {"page": page, "breadcrumbs": [HOME, {"text": page.title}], "preview": preview},
    )
