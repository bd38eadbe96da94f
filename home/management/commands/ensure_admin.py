import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

USERNAME = "admin"


class Command(BaseCommand):
    help = gettext_lazy(
        "Create the superuser “admin” with a strong random password if it does not exist yet, "
        "and print how to sign in. Safe to run again."
    )

    def handle(self, *args, **options):
        admin_url = f"{settings.WAGTAILADMIN_BASE_URL}/admin/"
        User = get_user_model()
        if User.objects.filter(**{User.USERNAME_FIELD: USERNAME}).exists():
            self.stdout.write(_("The user “%(username)s” already exists.") % {"username": USERNAME})
            self.stdout.write(
                _("To set a new password, run: python manage.py changepassword %(username)s")
                % {"username": USERNAME}
            )
            self.stdout.write(_("Admin: %(url)s") % {"url": admin_url})
            return
        # token_urlsafe(18) gives 24 characters from a 64-symbol alphabet (144 bits).
        password = secrets.token_urlsafe(18)
        User.objects.create_superuser(**{User.USERNAME_FIELD: USERNAME}, password=password)
        self.stdout.write(self.style.SUCCESS(_("Created the superuser for the admin.")))
        self.stdout.write("  " + _("Username: %(username)s") % {"username": USERNAME})
        self.stdout.write("  " + _("Password: %(password)s") % {"password": password})
        self.stdout.write("  " + _("Admin: %(url)s") % {"url": admin_url})
        self.stdout.write(_("Keep this password somewhere safe: it is shown only once."))
