"""Writes with rules: recording a click on a programme's sign-up link."""

import datetime
import hashlib
import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core.cache import cache
from django.db import (
    DatabaseError,
    DataError,
    IntegrityError,
    OperationalError,
    connection,
    transaction,
)
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import url_has_allowed_host_and_scheme

from careers.models import CareerStage
from programmes.models import Programme, SignUpClick

click_logger = logging.getLogger("programmes.clicks")

UTM_SOURCE = "develop-social-work-careers"
UTM_MEDIUM = "referral"

STORE_ATTEMPTS = 5
# The "event" of the log record that holds a click the database did not take.
CLICK_NOT_SAVED_EVENT = "sign_up_click_not_saved"
SOURCE_PATH_MAX = SignUpClick._meta.get_field("source_path").max_length


def is_prefetch(*, headers) -> bool:
    """Browsers announce speculative loads; they are not clicks."""
    purpose = headers.get("Sec-Purpose", "") or headers.get("Purpose", "")
    return "prefetch" in purpose.lower() or "prerender" in purpose.lower()


def visitor_key(*, address: str, user_agent: str, today: datetime.date) -> str:
    """An anonymous key that is the same for one browser on one day, so unique clickers
    can be counted. The secret changes every day and is never stored, so the key cannot
    be traced back to an address or user agent, or linked across days."""
    daily_secret = salted_hmac(
        "programmes.visitor-key", today.isoformat(), secret=settings.SECRET_KEY, algorithm="sha256"
    ).hexdigest()
    material = "\n".join([daily_secret, address, user_agent])
    return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()


def internal_source_path(*, referer: str, host: str) -> str:
    """The path of the page on this site the visitor came from, or blank if they came from
    anywhere else. Only the path is kept: query strings may hold what people typed."""
    if not referer or not url_has_allowed_host_and_scheme(referer, allowed_hosts={host}):
        return ""
    parts = urlsplit(referer)
    if not parts.netloc:
        return ""
    path = parts.path.replace("\x00", "")
    if not path.startswith("/"):
        return ""
    return path[:SOURCE_PATH_MAX]


CAMPAIGN = re.compile(r"^[a-z0-9][a-z0-9-]{0,119}$")


def internal_campaign(*, referer: str, host: str) -> str:
    """The utm_campaign of the page on this site the visitor came from, if it is one of the
    plain tags the site itself puts on links (letters, digits and hyphens); otherwise blank."""
    if not internal_source_path(referer=referer, host=host):
        return ""
    values = [v for k, v in parse_qsl(urlsplit(referer).query) if k == "utm_campaign"]
    return values[0] if len(values) == 1 and CAMPAIGN.match(values[0]) else ""


def sign_up_target(*, programme: Programme) -> str:
    """The provider's address from the database, with campaign tags added. Nothing from
    the request goes into it, so the link cannot be turned into a redirect elsewhere.
    Campaign tags already in the stored address are replaced; other parameters are kept."""
    parts = urlsplit(programme.sign_up_url)
    if parts.scheme != "https" or not parts.netloc:
        raise ValueError(f"Programme {programme.slug} has no https sign-up address")
    ours = {"utm_source": UTM_SOURCE, "utm_medium": UTM_MEDIUM, "utm_campaign": programme.slug}
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in ours]
    query.extend(ours.items())
    return urlunsplit(parts._replace(query=urlencode(query)))


def log_unsaved_click(
    *,
    programme_slug: str,
    source_path: str,
    stage_slug: str,
    visitor_key: str,
    is_bot: bool,
    error: BaseException | None,
    click_id: uuid.UUID | None = None,
    created_at: datetime.datetime | None = None,
    campaign: str = "",
) -> None:
    """Write a click the database did not take as one line of JSON, with every field
    `manage.py replay_clicks` needs to store it later."""
    click = {
        "click_id": str(click_id or uuid.uuid4()),
        "programme": programme_slug,
        "created_at": (created_at or timezone.now()).isoformat(),
        "source_path": source_path,
        "stage": stage_slug,
        "visitor_key": visitor_key,
        "is_bot": is_bot,
    }
    if campaign:
        click["campaign"] = campaign
    record = {
        "event": CLICK_NOT_SAVED_EVENT,
        **click,
        "signature": click_signature(click),
        "error": str(error or ""),
    }
    click_logger.error(json.dumps(record), extra={"click": click}, exc_info=error)


# What a logged click holds, and the type of each field.
CLICK_FIELDS = {
    "click_id": str,
    "programme": str,
    "created_at": str,
    "source_path": str,
    "stage": str,
    "visitor_key": str,
    "is_bot": bool,
}
_SIGNATURE_SALT = "programmes.unsaved-click"


def click_signature(click: dict, *, secret: str | None = None) -> str:
    """An HMAC of the click's fields with the secret key. Anyone can get a line that looks
    like a click into the logs (the address of a request is logged too); only the site can
    sign one, so `replay_clicks` stores only what the site itself wrote."""
    signed = [*CLICK_FIELDS, *(["campaign"] if click.get("campaign") else [])]
    fields = json.dumps({name: click[name] for name in signed}, sort_keys=True)
    secret = secret or settings.SECRET_KEY
    return salted_hmac(_SIGNATURE_SALT, fields, secret=secret, algorithm="sha256").hexdigest()


def verified_click(record) -> dict | None:
    """The click in a logged record if the site signed it (with the secret key or one it
    replaced, SECRET_KEY_FALLBACKS) and every field can be stored; otherwise None."""
    if not isinstance(record, dict) or record.get("event") != CLICK_NOT_SAVED_EVENT:
        return None
    if not all(isinstance(record.get(name), kind) for name, kind in CLICK_FIELDS.items()):
        return None
    signature = record.get("signature")
    if not isinstance(signature, str):
        return None
    secrets = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    if not any(
        constant_time_compare(signature, click_signature(record, secret=s)) for s in secrets
    ):
        return None
    campaign = record.get("campaign", "")
    if not isinstance(campaign, str) or (campaign and not CAMPAIGN.match(campaign)):
        return None
    try:
        uuid.UUID(record["click_id"])
        datetime.datetime.fromisoformat(record["created_at"])
    except ValueError:
        return None
    return {**{name: record[name] for name in CLICK_FIELDS}, "campaign": campaign}


# Clicks counted per visitor, programme and day: a person clicks a sign-up link once or
# twice; a script repeating it must not inflate the counts. Every click still redirects.
CLICKS_PER_VISITOR_PER_DAY = 3


def within_daily_click_limit(*, programme: Programme, visitor_key: str) -> bool:
    """Count this click against its visitor's allowance for the programme today. The count
    lives in the shared cache; if the cache is down, every click is counted (the limit fails
    open, so no real click is lost). The visitor key already changes every day."""
    key = f"programmes:clicks-counted:{programme.pk}:{visitor_key}"
    cache.add(key, 0, timeout=24 * 60 * 60)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between add() and incr()
        cache.set(key, 1, timeout=24 * 60 * 60)
        count = 1
    return count <= CLICKS_PER_VISITOR_PER_DAY


def record_sign_up_click(
    *,
    programme: Programme,
    source_path: str,
    stage: CareerStage | None,
    visitor_key: str,
    is_bot: bool,
    campaign: str = "",
) -> SignUpClick | None:
    """Store one click, unless this visitor has already had their clicks on this programme
    counted today (CLICKS_PER_VISITOR_PER_DAY). If the database fails, log the click in full,
    as one line of JSON that `manage.py replay_clicks` loads back later, and return None:
    the visitor must still reach the provider."""
    if not within_daily_click_limit(programme=programme, visitor_key=visitor_key):
        return None
    # Fixed before the first attempt, so retries and a later replay store it at most once.
    click_id = uuid.uuid4()
    created_at = timezone.now()
    error: DatabaseError | None = None
    for attempt in range(1, STORE_ATTEMPTS + 1):
        try:
            with _own_statement_or_savepoint():
                return SignUpClick.objects.create(
                    click_id=click_id,
                    created_at=created_at,
                    programme=programme,
                    source_path=source_path,
                    stage=stage,
                    visitor_key=visitor_key,
                    is_bot=is_bot,
                    campaign=campaign,
                )
        except OperationalError as exc:
            error = exc
            # A busy or locked database (SQLite under simultaneous writes) usually frees
            # up within milliseconds: try again briefly rather than lose the click.
            if attempt == STORE_ATTEMPTS:
                break
            time.sleep(0.02 * attempt)
        except DatabaseError as exc:
            error = exc
            break
    log_unsaved_click(
        click_id=click_id,
        created_at=created_at,
        programme_slug=programme.slug,
        source_path=source_path,
        stage_slug=stage.slug if stage else "",
        visitor_key=visitor_key,
        is_bot=is_bot,
        error=error,
        campaign=campaign,
    )
    return None


def _own_statement_or_savepoint():
    """Outside a transaction the insert commits by itself: wrapping it in one would add a
    BEGIN and a COMMIT to the busiest write of the site. Inside one (a caller's, or a
    test's), a savepoint keeps a failed insert from breaking it."""
    return transaction.atomic() if connection.in_atomic_block else nullcontext()


def replay_sign_up_clicks(
    *,
    records: list[dict],
    around_past_days: Callable[[set[datetime.date]], AbstractContextManager] | None = None,
) -> dict[str, int]:
    """Store clicks from the records `record_sign_up_click` logged when the database was
    down. Only clicks the site signed are stored (see `verified_click`); others are
    counted as rejected. A click already stored (same click_id) is left alone, so replaying
    a log twice, or a log that overlaps an earlier one, adds nothing twice. A click the
    database refuses is counted and the rest are still stored.

    `around_past_days(days)`, if given, is a context manager entered while clicks are added
    to days that are over: what reads those days (the insight summaries) can let go of them
    first and read them again after."""
    result = {"added": 0, "already_stored": 0, "unknown_programme": 0, "rejected": 0}
    clicks = []
    for record in records:
        click = verified_click(record)
        if click is None:
            result["rejected"] += 1
        else:
            clicks.append(click)
    ids = {click["click_id"] for click in clicks}
    stored = {
        str(i)
        for i in SignUpClick.objects.filter(click_id__in=ids).values_list("click_id", flat=True)
    }
    programmes = {
        p.slug: p for p in Programme.objects.filter(slug__in={c["programme"] for c in clicks})
    }
    days = {
        _local_day(click["created_at"])
        for click in clicks
        if click["click_id"] not in stored and click["programme"] in programmes
    }
    past_days = {day for day in days if day < timezone.localdate()}
    with around_past_days(past_days) if around_past_days else nullcontext():
        _store_replayed(clicks, stored=stored, programmes=programmes, result=result)
    return result


def _store_replayed(clicks: list[dict], *, stored: set, programmes: dict, result: dict) -> None:
    stages = {
        s.slug: s
        for s in CareerStage.objects.filter(slug__in={c["stage"] for c in clicks if c["stage"]})
    }
    for click in clicks:
        if click["click_id"] in stored:
            result["already_stored"] += 1
            continue
        programme = programmes.get(click["programme"])
        if programme is None:
            result["unknown_programme"] += 1
            continue
        try:
            with transaction.atomic():
                _, created = SignUpClick.objects.get_or_create(
                    click_id=click["click_id"],
                    defaults={
                        "programme": programme,
                        "created_at": datetime.datetime.fromisoformat(click["created_at"]),
                        "source_path": click["source_path"][:SOURCE_PATH_MAX],
                        "stage": stages.get(click["stage"]),
                        "visitor_key": click["visitor_key"],
                        "is_bot": click["is_bot"],
                        "campaign": click["campaign"],
                    },
                )
        except (DataError, IntegrityError, ValueError) as error:
            # Signed, so written by the site, but not storable (say a field grew shorter
            # since): report it and go on with the rest.
            click_logger.warning("Click %s not replayed: %s", click["click_id"], error)
            result["rejected"] += 1
            continue
        stored.add(click["click_id"])
        result["added" if created else "already_stored"] += 1


def _local_day(moment: str) -> datetime.date:
    when = datetime.datetime.fromisoformat(moment)
    return timezone.localdate(when) if timezone.is_aware(when) else when.date()
