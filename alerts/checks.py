"""Settings the alerts need to agree with: the privacy notice, and Notify's templates."""

from django.conf import settings
from django.core.checks import Warning, register

# What the bundled privacy notice (core/content/pages.yaml) says.
NOTICE_PENDING_DAYS = 7
NOTICE_ENDED_DAYS = 0


@register()
def alert_settings(app_configs, **kwargs):
    warnings = []
    if (settings.ALERTS_PENDING_DAYS, settings.ALERTS_ENDED_DAYS) != (
        NOTICE_PENDING_DAYS,
        NOTICE_ENDED_DAYS,
    ):
        warnings.append(
            Warning(
                "The email alerts' retention periods differ from what the privacy notice says.",
                hint="Change the privacy notice in the admin to say how long alerts are kept.",
                id="alerts.W001",
            )
        )
    if settings.NOTIFY_API_KEY:
        missing = sorted(kind for kind, value in settings.NOTIFY_TEMPLATES.items() if not value)
        if missing:
            warnings.append(
                Warning(
                    f"NOTIFY_API_KEY is set but no template ID is set for: {', '.join(missing)}.",
                    hint="Set NOTIFY_TEMPLATE_CONFIRM and the others (docs/alerts.md).",
                    id="alerts.W002",
                )
            )
        if not settings.SITE_URL:
            warnings.append(
                Warning(
                    "NOTIFY_API_KEY is set but SITE_URL is not: links in emails need it.",
                    id="alerts.W003",
                )
            )
    return warnings
