"""Writes with rules: recording a click on a programme's sign-up link."""

import datetime
import hashlib
import json
import logging
import time
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.db import DatabaseError, OperationalError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.http import url_has_allowed_host_and_scheme

from careers.models import CareerStage
from programmes.models import Programme, SignUpClick

click_logger = logging.getLogger("programmes.clicks")

UTM_SOURCE = "develop-social-work-careers"
UTM_MEDIUM = "referral"

# Lower-case pieces of the user agents of crawlers, link checkers, link previews and
# scripts. A click from one of these is stored, flagged as a bot, and left out of counts.
BOT_USER_AGENTS = (
    "bot",
    "crawl",
    "spider",
    "slurp",
    "archiver",
    "facebookexternalhit",
    "embedly",
    "preview",
    "whatsapp",
    "mediapartners",
    "lighthouse",
    "pingdom",
    "uptime",
    "monitor",
    "curl/",
    "wget/",
    "python-",
    "python/",
    "go-http-client",
    "java/",
    "okhttp",
    "libwww",
    "httpclient",
    "axios/",
    "node-fetch",
    "scrapy",
    "headlesschrome",
    "phantomjs",
)

STORE_ATTEMPTS = 5
SOURCE_PATH_MAX = SignUpClick._meta.get_field("source_path").max_length


def is_known_bot(*, user_agent: str) -> bool:
    """A missing user agent counts as a bot: browsers always send one."""
    agent = user_agent.strip().lower()
    return not agent or any(piece in agent for piece in BOT_USER_AGENTS)


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


def record_sign_up_click(
    *,
    programme: Programme,
    source_path: str,
    stage: CareerStage | None,
    visitor_key: str,
    is_bot: bool,
) -> SignUpClick | None:
    """Store one click. If the database fails, log the click in full so it can be counted
    later, and return None: the visitor must still reach the provider."""
    error: DatabaseError | None = None
    for attempt in range(1, STORE_ATTEMPTS + 1):
        try:
            # A savepoint, so a failed insert never breaks a surrounding transaction.
            with transaction.atomic():
                return SignUpClick.objects.create(
                    programme=programme,
                    source_path=source_path,
                    stage=stage,
                    visitor_key=visitor_key,
                    is_bot=is_bot,
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
    click = {
        "programme": programme.slug,
        "time": timezone.now().isoformat(),
        "source_path": source_path,
        "stage": stage.slug if stage else "",
        "visitor_key": visitor_key,
        "is_bot": is_bot,
    }
    click_logger.error(
        "Sign-up click not stored: %s", json.dumps(click), extra={"click": click}, exc_info=error
    )
    return None
