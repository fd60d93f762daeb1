from pathlib import Path

from careers.models import CareerStage, Role
from core.content_files import as_date, overwrite_for_revision, read_yaml, save_by_slug
from core.models import Status
from programmes.lifecycle import HowToJoin, Lifecycle
from programmes.models import ApplicationWindow, Programme, ProgrammeFamily, Provider

CONTENT_FILE = Path(__file__).parent / "content" / "programmes.yaml"

PROGRAMME_TEXT_FIELDS = [
    "name", "summary", "audience", "eligibility", "duration", "time_commitment", "format",
    "location", "cost", "delivered_by", "intakes", "how_to_apply", "outcomes", "sign_up_url",
    "cta_text", "body", "lifecycle", "how_to_join", "what_to_do_instead", "facts_source_url",
]  # fmt: skip
PROGRAMME_DATE_FIELDS = ["starts_on", "ended_on", "facts_checked_on"]


def load(*, overwrite: bool = False) -> dict[str, int]:
    content = read_yaml(CONTENT_FILE)
    overwrite = overwrite_for_revision(name="programmes", content=content, overwrite=overwrite)
    return {
        "providers": _load_providers(content["providers"], overwrite),
        "programme families": _load_families(content["families"], overwrite),
        "programmes": _load_programmes(content["programmes"], overwrite),
    }


def _load_providers(providers: list[dict], overwrite: bool) -> int:
    written = 0
    for provider in providers:
        fields = {key: provider[key] for key in ("name", "website", "description")}
        written += save_by_slug(
            Provider, slug=provider["slug"], fields=fields, overwrite=overwrite
        )[1]
    return written


def _load_families(families: list[dict], overwrite: bool) -> int:
    providers = {provider.slug: provider for provider in Provider.objects.all()}
    written = 0
    for family in families:
        fields = {
            "name": family["name"],
            "summary": family.get("summary", ""),
            "provider": providers[family["provider"]],
            "order": family.get("order", 0),
        }
        written += save_by_slug(
            ProgrammeFamily, slug=family["slug"], fields=fields, overwrite=overwrite
        )[1]
    return written


def _load_programmes(programmes: list[dict], overwrite: bool) -> int:
    providers = {provider.slug: provider for provider in Provider.objects.all()}
    families = {family.slug: family for family in ProgrammeFamily.objects.all()}
    stages = {stage.slug: stage for stage in CareerStage.objects.all()}
    roles = {role.slug: role for role in Role.objects.all()}
    saved = []
    for order, item in enumerate(programmes, start=1):
        fields = {key: item.get(key) or "" for key in PROGRAMME_TEXT_FIELDS}
        fields.update({key: as_date(item.get(key)) for key in PROGRAMME_DATE_FIELDS})
        fields["lifecycle"] = item.get("lifecycle") or Lifecycle.RUNNING
        fields["how_to_join"] = item.get("how_to_join") or HowToJoin.APPLY
        fields.update(
            provider=providers[item["provider"]],
            family=families.get(item.get("family") or ""),
            order=order,
            status=Status.PUBLISHED,
        )
        obj, written = save_by_slug(
            Programme, slug=item["slug"], fields=fields, overwrite=overwrite
        )
        if written:
            saved.append((obj, item))
    by_slug = {programme.slug: programme for programme in Programme.objects.all()}
    for obj, item in saved:
        obj.next_programme = by_slug.get(item.get("next_programme") or "")
        obj.replaced_by = by_slug.get(item.get("replaced_by") or "")
        obj.save(update_fields=["next_programme", "replaced_by"])
        obj.stages.set([stages[slug] for slug in item.get("stages") or []])
        obj.roles.set([roles[slug] for slug in item.get("roles") or []])
        obj.windows.all().delete()
        for window in item.get("windows") or []:
            ApplicationWindow.objects.create(
                programme=obj,
                opens_on=as_date(window["opens_on"]),
                closes_on=as_date(window["closes_on"]),
            )
    return len(saved)
