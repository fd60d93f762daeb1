"""Two-factor sign-in for the admin: a time-based code (TOTP) from an authenticator app, or a
single-use backup code, on top of the password and the sign-in lockout. Switched by the
ADMIN_REQUIRE_2FA setting.

Staff without a confirmed device sign in with their password and are sent straight to set
one up; until they confirm a code from it they reach nothing else in the admin."""

import re
from base64 import b32encode

import qrcode
import qrcode.image.svg
from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.sites import AdminSite
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODE_COUNT = 10
# The permission, on the user model, that lets a member of staff reset a colleague's device.
RESET_PERMISSION = "auth.reset_two_factor"
AUTHENTICATOR_CODE = re.compile(r"\d{6}")

WRONG_CODE = (
    "The code is not right. Check you typed the 6 numbers your authenticator app shows now, "
    "or a backup code you have not used before, and try again."
)
WRONG_SET_UP_CODE = (
    "The code is not right. Check you typed the 6 numbers your authenticator app shows now, "
    "and try again."
)
TOO_SOON = (
    "There have been wrong codes in a row. Wait a few seconds, then enter the code your app "
    "shows now."
)


def normalised(code: str) -> str:
    """Codes as people type them: with spaces, in capitals."""
    return "".join(code.split()).lower()


def has_device(user) -> bool:
    return any(devices_for_user(user, confirmed=True))


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify_code(*, user, code: str):
    """The device a code from this user belongs to, or None. Six digits are an authenticator
    code; anything else can only be a backup code, which is used up by signing in with it.
    Returns (device, throttled)."""
    code = normalised(code)
    model = TOTPDevice if AUTHENTICATOR_CODE.fullmatch(code) else StaticDevice
    for device in model.objects.filter(user=user, confirmed=True):
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            return None, True
        if device.verify_token(code):
            return device, False
    return None, False


def make_backup_codes(*, user) -> list[str]:
    """A new set of backup codes, replacing (and so cancelling) any earlier set."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name="Backup codes", confirmed=True)
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def reset_devices(*, actor, user) -> None:
    """Remove a colleague's authenticator app and backup codes, so their next sign-in takes
    them through set-up again. Their sessions stop being verified at once, because the
    device they were verified with no longer exists. Recorded in the admin's history."""
    if actor.pk == user.pk:
        raise PermissionDenied("You cannot reset your own two-factor sign-in.")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        LogEntry.objects.log_actions(
            user_id=actor.pk,
            queryset=[user],
            action_flag=CHANGE,
            change_message="Reset two-factor sign-in: they set it up again when they next sign in.",
            single_object=True,
        )


def qr_code_svg(text: str) -> str:
    """The QR code as inline SVG: no image address or inline style for the Content Security
    Policy to allow."""
    image = qrcode.make(
        text, image_factory=qrcode.image.svg.SvgPathImage, box_size=15, border=2
    ).to_string(encoding="unicode")
    return image.replace(
        "<svg ", '<svg role="img" aria-label="QR code to scan with your authenticator app" ', 1
    )


def grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


class TwoFactorLoginForm(OTPAdminAuthenticationForm):
    """Username, password and code on one page. The code may come from the authenticator app
    or be a backup code. Staff with no device yet sign in with the password alone: the site
    then sends them to set one up, and lets them nowhere else."""

    otp_token = forms.CharField(
        required=False,
        label="Code from your authenticator app, or a backup code",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )

    def clean_otp(self, user):
        if user is None:
            return
        user.otp_device = None
        if not has_device(user):
            return
        code = self.cleaned_data.get("otp_token") or ""
        if not normalised(code):
            raise forms.ValidationError(
                "Enter the 6-digit code from your authenticator app, or a backup code.",
                code="token_required",
            )
        device, throttled = verify_code(user=user, code=code)
        if device is None:
            # A wrong code counts as a failed sign-in, so the right password does not buy
            # unlimited guesses at the code (or the backup codes).
            user_login_failed.send(
                sender=__name__,
                credentials={"username": user.get_username()},
                request=self.request,
            )
            raise forms.ValidationError(TOO_SOON if throttled else WRONG_CODE, code="invalid")
        user.otp_device = device


class ConfirmCodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6 numbers the app shows for this account. They change every 30 seconds.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={"required": "Enter the 6-digit code from your authenticator app."},
    )

    def clean_code(self):
        code = normalised(self.cleaned_data["code"])
        if not AUTHENTICATOR_CODE.fullmatch(code):
            raise forms.ValidationError("Enter the code as 6 numbers, such as 123456.")
        return code


class TwoFactorAdminSite(OTPAdminSite):
    """The admin site; with ADMIN_REQUIRE_2FA on, staff must also enter a code from a
    confirmed device to sign in, and a session without one is treated as signed out.

    The setting is read on each request rather than at start-up, so tests can switch it."""

    def __init__(self, name: str = "admin"):
        super().__init__(name)

    @property
    def login_form(self):
        return TwoFactorLoginForm if settings.ADMIN_REQUIRE_2FA else None

    @property
    def login_template(self):
        return "admin/two_factor/login.html" if settings.ADMIN_REQUIRE_2FA else None

    def has_permission(self, request) -> bool:
        if settings.ADMIN_REQUIRE_2FA:
            return super().has_permission(request)
        return AdminSite.has_permission(self, request)

    def index(self, request, extra_context=None):
        from editorial import attention

        extra_context = {
            "attention_items": attention.items(request),
            "backup_codes_left": backup_codes_left(request.user),
            "can_reset_two_factor": request.user.has_perm(RESET_PERMISSION),
            **(extra_context or {}),
        }
        return super().index(request, extra_context)

    def login(self, request, extra_context=None):
        if needs_set_up(request):
            return HttpResponseRedirect(reverse(f"{self.name}:two_factor_set_up"))
        response = super().login(request, extra_context)
        if request.method == "POST" and needs_set_up(request):
            return HttpResponseRedirect(reverse(f"{self.name}:two_factor_set_up"))
        return response

    def get_urls(self):
        return [
            # Not admin_view: that would send staff who have no device back to sign in.
            path(
                "two-factor/set-up/",
                never_cache(csrf_protect(self.set_up_view)),
                name="two_factor_set_up",
            ),
            path(
                "two-factor/backup-codes/",
                self.admin_view(self.backup_codes_view),
                name="two_factor_backup_codes",
            ),
            path(
                "two-factor/reset/",
                self.admin_view(self.reset_view),
                name="two_factor_reset",
            ),
            *super().get_urls(),
        ]

    def set_up_view(self, request):
        """Add an authenticator app: only for signed-in staff who have no confirmed device,
        so someone who knows only a password can never replace a device that exists."""
        user = request.user
        if not (user.is_active and user.is_staff):
            return HttpResponseRedirect(reverse(f"{self.name}:login"))
        if has_device(user):
            return HttpResponseRedirect(reverse(f"{self.name}:index"))
        if request.method == "POST" and "sign_out" in request.POST:
            logout(request)
            return HttpResponseRedirect(reverse(f"{self.name}:login"))
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
        credentials = {"username": user.get_username()}
        if request.method == "POST":
            if not AxesProxyHandler.is_allowed(request, credentials):
                logout(request)
                return TemplateResponse(request, "admin/locked_out.html", status=429)
            form = ConfirmCodeForm(request.POST)
            if form.is_valid():
                allowed, _ = device.verify_is_allowed()
                if allowed and device.verify_token(form.cleaned_data["code"]):
                    return self._finish_set_up(request, device)
                form.add_error("code", WRONG_SET_UP_CODE if allowed else TOO_SOON)
                # Counted with failed sign-ins, so guessing here locks the account out at
                # this address just as guessing passwords does.
                user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        else:
            form = ConfirmCodeForm()
        context = {
            **self.each_context(request),
            "title": "Set up two-factor sign-in",
            "form": form,
            "qr_code": mark_safe(qr_code_svg(device.config_url)),  # noqa: S308 - made by qrcode
            "secret": grouped(b32encode(device.bin_key).decode()),
        }
        status = 400 if form.errors else 200
        return TemplateResponse(request, "admin/two_factor/set_up.html", context, status=status)

    def _finish_set_up(self, request, device):
        with transaction.atomic():
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
            codes = make_backup_codes(user=request.user)
        otp_login(request, device)
        return self._show_codes(request, codes, just_set_up=True)

    def _show_codes(self, request, codes, *, just_set_up: bool):
        context = {
            **self.each_context(request),
            "title": "Your backup codes",
            "codes": codes,
            "just_set_up": just_set_up,
        }
        response = TemplateResponse(request, "admin/two_factor/backup_codes.html", context)
        # Shown once: never from the browser's cache or history.
        response["Cache-Control"] = "no-store"
        return response

    def backup_codes_view(self, request):
        if request.method == "POST":
            return self._show_codes(
                request, make_backup_codes(user=request.user), just_set_up=False
            )
        context = {
            **self.each_context(request),
            "title": "Backup codes",
            "backup_codes_left": backup_codes_left(request.user),
        }
        return TemplateResponse(request, "admin/two_factor/backup_codes_left.html", context)

    def reset_view(self, request):
        if not request.user.has_perm(RESET_PERMISSION):
            raise PermissionDenied
        colleagues = (
            get_user_model()
            .objects.filter(is_staff=True, is_active=True)
            .exclude(pk=request.user.pk)
            .order_by("username")
        )
        if request.method == "POST":
            try:
                colleague = colleagues.get(pk=int(request.POST.get("user", "")))
            except (ValueError, get_user_model().DoesNotExist):
                return HttpResponseBadRequest("Choose a colleague from the list.")
            reset_devices(actor=request.user, user=colleague)
            messages.success(
                request,
                f"Two-factor sign-in reset for {colleague.get_username()}. They will set it "
                "up again when they next sign in.",
            )
            return HttpResponseRedirect(request.path)
        set_up = set(
            TOTPDevice.objects.filter(confirmed=True, user__in=colleagues).values_list(
                "user_id", flat=True
            )
        )
        context = {
            **self.each_context(request),
            "title": "Reset a colleague's two-factor sign-in",
            "colleagues": [(c, c.pk in set_up) for c in colleagues],
        }
        return TemplateResponse(request, "admin/two_factor/reset.html", context)


def needs_set_up(request) -> bool:
    """Signed in with a password, two-factor required, and no device yet."""
    user = request.user
    return (
        settings.ADMIN_REQUIRE_2FA
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        # Just signed in, the request's user is the one the form made, without is_verified.
        and not getattr(user, "is_verified", lambda: False)()
        and not has_device(user)
    )
