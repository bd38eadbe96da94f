"""Onboard many units from a spreadsheet (a district with its hundred schools):

    python manage.py onboard_units don-vi.xlsx

Columns: Tên đơn vị, Loại (Quận/huyện, Phường/xã, Trường, Thư viện…), Đơn vị cấp trên, Email biên
tập viên, and Cấp học for schools whose name does not say it. Nothing is made if a row is
invalid; rows already onboarded change nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cms.importing import SheetError
from home.management.commands.onboard_unit import describe
from home.units import onboard_units, read_units_sheet


class Command(BaseCommand):
    help = "Onboard the units listed in a spreadsheet (.xlsx or CSV)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            with open(path, "rb") as file:
                rows, errors = read_units_sheet(file, path.name)
        except FileNotFoundError:
            raise CommandError(_("The file “%(path)s” does not exist.") % {"path": path}) from None
        except SheetError as error:
            raise CommandError(str(error)) from None
        if not errors:
            results, errors = onboard_units(rows)
        if errors:
            for row_number, column, message in errors:
                self.stderr.write(
                    _("Row %(row)s, column “%(column)s”: %(message)s")
                    % {"row": row_number, "column": column, "message": message}
                )
            raise CommandError(
                _("Nothing was onboarded: correct the %(count)s problems first.")
                % {"count": len(errors)}
            )
        for result in results:
            self.stdout.write(describe(result))
        self.stdout.write(
            _("%(created)s units onboarded, %(kept)s already there.")
            % {
                "created": sum(1 for result in results if result.created),
                "kept": sum(1 for result in results if not result.created),
            }
        )
