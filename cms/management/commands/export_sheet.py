"""Export the pages under a page as the spreadsheet import_sheet reads back.

python manage.py export_sheet --parent 42 --format xlsx --output sach.xlsx
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms.importing import export_sheet, import_kind_for


class Command(BaseCommand):
    help = (
        "Export the pages under a library or an index page to .xlsx or .csv, with the same "
        "columns import_sheet reads, so the file can be edited and imported again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--parent", type=int, required=True, help="The page's id.")
        parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
        parser.add_argument("--output", required=True, help="The file to write.")

    def handle(self, *args, **options):
        page = Page.objects.filter(pk=options["parent"]).first()
        if page is None:
            raise CommandError(_("There is no page with id %(id)s.") % {"id": options["parent"]})
        page = page.specific
        if import_kind_for(page) is None:
            raise CommandError(
                _("There is nothing to export under “%(title)s”.") % {"title": page.title}
            )
        output = Path(options["output"])
        if not output.resolve().parent.is_dir():
            raise CommandError(
                _("The folder “%(folder)s” does not exist.") % {"folder": output.parent}
            )
        content, _content_type, _filename = export_sheet(page, options["format"])
        # Written aside and renamed: a failure never leaves half a file under the real name.
        partial = output.with_name(output.name + ".partial")
        partial.write_bytes(content)
        partial.replace(output)
        self.stdout.write(
            _("Exported the pages under “%(title)s” to %(path)s.")
            % {"title": page.title, "path": output}
        )
