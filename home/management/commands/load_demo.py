from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.demo.builder import DemoBuilder
from library.models import BookPage


class Command(BaseCommand):
    help = gettext_lazy(
        "Create or update the demo site (sample data for Hồ Chí Minh City) under the default "
        "site's home page. Safe to run again: existing demo pages are updated, not duplicated."
    )

    def handle(self, *args, **options):
        builder = DemoBuilder(report=self.stdout.write)
        try:
            counts = builder.build()
        except LookupError as error:
            raise CommandError(str(error)) from error
        self.print_summary(builder, counts)
        self.print_accounts(builder)

    def print_accounts(self, builder):
        from home.demo.data import DEMO_PASSWORD

        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo accounts (password for all: %(password)s):") % {"password": DEMO_PASSWORD}
            )
        )
        for unit, role, username in builder.accounts:
            self.stdout.write(f"  {username:<40} {role:<16} {unit.name}")

    def print_summary(self, builder, counts):
        from heritage.models import HeritageSitePage, NeighbourhoodOfficePage, StreetPage
        from home.models import SchoolPage
        from library.models import LibraryPage

        created = sum(value for key, value in counts.items() if key.endswith("_created"))
        updated = sum(value for key, value in counts.items() if key.endswith("_updated"))
        rows = [
            (_("Schools"), SchoolPage.objects.count()),
            (_("Libraries"), LibraryPage.objects.count()),
            (_("Books"), BookPage.objects.count()),
            (_("Books with an e-book"), BookPage.objects.filter(ebook__isnull=False).count()),
            (_("Streets"), StreetPage.objects.count()),
            (_("Heritage sites"), HeritageSitePage.objects.count()),
            (_("Neighbourhood offices"), NeighbourhoodOfficePage.objects.count()),
            (_("Images"), builder.Image.objects.count()),
            (_("Documents"), builder.Document.objects.count()),
        ]
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(_("Demo content is ready.")))
        for label, count in rows:
            self.stdout.write(f"  {label:<24} {count:>5}")
        self.stdout.write(
            _(
                "Pages created: %(created)d, updated: %(updated)d; new images: %(images)d, "
                "new documents: %(documents)d; time: %(seconds)s s."
            )
            % {
                "created": created - counts["images_created"] - counts["documents_created"],
                "updated": updated,
                "images": counts["images_created"],
                "documents": counts["documents_created"],
                "seconds": counts["seconds"],
            }
        )
