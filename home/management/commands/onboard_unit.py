"""Onboard one unit: its root page, editors and moderators groups with permissions on that
subtree only, its image and document collection, its approval workflow and first editor.

    python manage.py onboard_unit --name "Trường THCS Sơn Ca" --kind school \\
        --parent "Quận Gò Vấp" --editor-email doantruong.sonca@example.vn

Running it again for the same unit changes nothing (and puts back what was removed by hand).
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from home.models import Unit, UnitKind
from home.units import OnboardingError, onboard_unit, unit_key


class Command(BaseCommand):
    help = "Onboard a unit (province, district, ward, school, library) in one step."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="The unit's name.")
        parser.add_argument("--kind", required=True, choices=UnitKind.values)
        parser.add_argument(
            "--parent", default="", help="The unit above it: its id or its exact name."
        )
        parser.add_argument("--editor-email", default="", help="The first editor's e-mail.")
        parser.add_argument("--level", default=None, help="A school's level, if not in its name.")

    def handle(self, *args, **options):
        parent = find_unit(options["parent"]) if options["parent"] else None
        try:
            result = onboard_unit(
                options["name"],
                options["kind"],
                parent,
                options["editor_email"],
                level=options["level"],
            )
        except OnboardingError as error:
            raise CommandError(str(error.args[0])) from None
        self.stdout.write(describe(result))


def find_unit(reference):
    """A unit by id or by name (folded); CommandError if none or several."""
    units = Unit.objects.filter(pk=reference) if reference.isdigit() else Unit.objects.none()
    units = units or Unit.objects.filter(key=unit_key(reference))
    units = list(units[:2])
    if not units:
        raise CommandError(_("There is no unit “%(name)s”.") % {"name": reference})
    if len(units) > 1:
        raise CommandError(
            _("Several units are named “%(name)s”: give the id instead.") % {"name": reference}
        )
    return units[0]


def describe(result):
    unit = result.unit
    if result.created:
        line = _("Onboarded %(kind)s “%(name)s” (unit %(id)s), page %(page)s.")
    else:
        line = _("%(kind)s “%(name)s” (unit %(id)s) was already onboarded; nothing changed.")
    lines = [
        line
        % {"kind": unit.get_kind_display(), "name": unit.name, "id": unit.pk, "page": unit.page_id}
    ]
    if result.password:
        lines.append(
            _("Editor: %(username)s — one-time password: %(password)s (to change at first login)")
            % {"username": result.editor.get_username(), "password": result.password}
        )
    elif result.editor:
        lines.append(
            _("Editor: %(username)s (existing account)")
            % {"username": result.editor.get_username()}
        )
    return "\n".join(lines)
