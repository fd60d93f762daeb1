"""Give a member of staff an authenticator app device for the admin's second factor."""

import io

import qrcode
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Create a TOTP device for a staff user and print the address and QR code to scan "
        "with an authenticator app. Replaces the user's earlier devices with --replace."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="Authenticator app", help="A name for the device")
        parser.add_argument(
            "--replace", action="store_true", help="Delete the user's other TOTP devices first"
        )
        parser.add_argument("--no-qr", action="store_true", help="Print only the address")

    def handle(self, *args, username: str, name: str, replace: bool, no_qr: bool, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user called {username!r}.")
        if not user.is_staff:
            raise CommandError(f"{username!r} is not staff: only staff use the admin.")
        if replace:
            TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
        url = device.config_url
        if not no_qr:
            code = qrcode.QRCode(border=1)
            code.add_data(url)
            text = io.StringIO()
            code.print_ascii(out=text)
            self.stdout.write(text.getvalue())
        self.stdout.write(url)
        self.stdout.write(
            self.style.SUCCESS(
                f"Scan this with an authenticator app, then sign in to the admin as {username} "
                "with the 6-digit code it shows. Keep the address secret: it is the key."
            )
        )
