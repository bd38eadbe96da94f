"""The Vietnamese catalogues: well-formed, and the admin's coverage measurable after upgrades."""

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

CATALOGUES = sorted(
    path
    for root in (settings.BASE_DIR / "locale", settings.BASE_DIR / "cms" / "admin_locale")
    for path in Path(root).rglob("*.po")
)


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: str(path.name))
def test_every_catalogue_passes_msgfmt_check(catalogue):
    result = subprocess.run(
        [shutil.which("msgfmt"), "--check", "-o", "/dev/null", str(catalogue)],
        capture_output=True,
        text=True,
    )
    errors = [line for line in result.stderr.splitlines() if "warning" not in line]
    assert result.returncode == 0 and not errors, result.stderr


def test_the_untranslated_admin_strings_are_listed_with_counts(db, tmp_path):
    output = io.StringIO()
    todo = tmp_path / "todo.po"
    call_command("admin_untranslated", po=str(todo), stdout=output)
    text = output.getvalue()
    counts = re.findall(r"^(django|djangojs): (\d+) of (\d+)", text, re.MULTILINE)
    assert {domain for domain, _missing, _total in counts} == {"django", "djangojs"}
    for _domain, missing, total in counts:
        assert int(total) > 50 and int(missing) <= int(total)
    # Our own catalogue's fixes count as translated: the login page's strings are not listed.
    assert "\n  Sign in\n" not in text
    if any(int(missing) for _domain, missing, _total in counts):
        assert todo.exists() and "msgid" in todo.read_text()
