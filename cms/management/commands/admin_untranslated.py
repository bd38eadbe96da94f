"""List the admin strings still shown in English: run it after upgrading Wagtail.

    python manage.py admin_untranslated            # counts, then every untranslated msgid
    python manage.py admin_untranslated --po FILE  # also write them as a .po to translate

The strings are those of the installed Wagtail apps and wagtailgeowidget (Django's `django` and
`djangojs` domains, from their English catalogues); a string is translated when Wagtail's own
Vietnamese catalogue or ours (LOCALE_PATHS: locale/, cms/admin_locale/) has it. Uses the gettext
tools (msgcat, msgmerge, msgattrib) that `compilemessages` needs anyway.
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

DOMAINS = ("django", "djangojs")
ADMIN_PACKAGES = ("wagtail", "wagtailgeowidget")


def catalogues(language, domain):
    """The .po files of the admin's apps for one language and domain."""
    found = []
    for config in apps.get_app_configs():
        if config.name.split(".")[0] not in ADMIN_PACKAGES:
            continue
        path = Path(config.path) / "locale" / language / "LC_MESSAGES" / f"{domain}.po"
        if path.exists():
            found.append(path)
    return found


def our_catalogues(domain):
    return [
        path
        for locale_dir in settings.LOCALE_PATHS
        if (path := Path(locale_dir) / "vi" / "LC_MESSAGES" / f"{domain}.po").exists()
    ]


def run(*command):
    subprocess.run(command, check=True, capture_output=True)


def untranslated(domain, workdir):
    """(total, a .po of the untranslated entries) for one domain."""
    english = catalogues("en", domain)
    if not english:
        return 0, None
    template = workdir / f"{domain}.pot"
    run("msgcat", "--use-first", "-o", template, *english)
    vietnamese = our_catalogues(domain) + catalogues("vi", domain)
    merged = workdir / f"{domain}-merged.po"
    if vietnamese:
        known = workdir / f"{domain}-vi.po"
        # Ours first: what Django shows (LOCALE_PATHS win over the apps' catalogues).
        run("msgcat", "--use-first", "-o", known, *vietnamese)
        run("msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged, known, template)
    else:
        shutil.copy(template, merged)
    missing = workdir / f"{domain}-missing.po"
    run("msgattrib", "--untranslated", "--no-obsolete", "-o", missing, merged)
    return count_entries(template), missing


def count_entries(po_file):
    if not po_file.exists():
        return 0
    # The header is the entry with an empty msgid.
    return sum(1 for line in po_file.read_text().splitlines() if line.startswith("msgid ")) - 1


def msgids(po_file):
    """The msgids of a .po file, continuation lines joined (msgattrib writes no file when
    nothing is left)."""
    if not po_file.exists():
        return []
    ids, current = [], None
    for line in po_file.read_text().splitlines():
        if line.startswith("msgid "):
            current = [line[6:].strip()[1:-1]]
        elif line.startswith('"') and current is not None:
            current.append(line[1:-1])
        elif current is not None:
            ids.append("".join(current))
            current = None
    return [msgid for msgid in ids if msgid]


class Command(BaseCommand):
    help = "List the Wagtail admin strings that have no Vietnamese translation yet."

    def add_arguments(self, parser):
        parser.add_argument("--po", help="Write the untranslated entries to this .po file.")
        parser.add_argument(
            "--counts-only", action="store_true", help="Print only the counts per domain."
        )

    def handle(self, *args, **options):
        if not shutil.which("msgattrib"):
            raise CommandError("The gettext tools (msgcat, msgmerge, msgattrib) are needed.")
        with tempfile.TemporaryDirectory() as directory:
            workdir = Path(directory)
            collected = []
            for domain in DOMAINS:
                total, missing = untranslated(domain, workdir)
                if missing is None:
                    continue
                ids = msgids(missing)
                self.stdout.write(
                    f"{domain}: {len(ids)} of {total} admin strings untranslated "
                    f"({100 * (total - len(ids)) / max(total, 1):.1f}% in Vietnamese)"
                )
                if ids:
                    collected.append(missing)
                if not options["counts_only"]:
                    for msgid in ids:
                        self.stdout.write(f"  {msgid}")
            if options["po"] and collected:
                run("msgcat", "-o", options["po"], *collected)
