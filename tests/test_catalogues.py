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


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: str(path.name))
def test_every_message_of_our_catalogues_has_vietnamese(catalogue):
    """No empty translation (the user would read English) and no fuzzy guess of msgmerge's."""
    for selection in ("--untranslated", "--only-fuzzy"):
        result = subprocess.run(
            [shutil.which("msgattrib"), selection, "--no-obsolete", str(catalogue)],
            capture_output=True,
            text=True,
            check=True,
        )
        messages = re.findall(r"^msgid .*(?:\n\".*)*", result.stdout, re.MULTILINE)
        messages = [message for message in messages if message != 'msgid ""']  # the header
        assert messages == [], f"{selection[2:]} in {catalogue}"


def test_every_admin_string_of_wagtail_has_vietnamese(db, tmp_path):
    output = io.StringIO()
    todo = tmp_path / "todo.po"
    call_command("admin_untranslated", po=str(todo), stdout=output)
    text = output.getvalue()
    counts = re.findall(r"^(django|djangojs): (\d+) of (\d+)", text, re.MULTILINE)
    assert {domain for domain, _missing, _total in counts} == {"django", "djangojs"}
    for _domain, missing, total in counts:
        # After a Wagtail upgrade this fails and lists the new strings: translate them in
        # cms/admin_locale (the command's --po gives them as a file).
        assert int(total) > 50 and int(missing) == 0, text
    assert not todo.exists()


def test_a_string_missing_from_our_catalogue_is_listed(db, tmp_path, settings):
    """The command sees through LOCALE_PATHS: without our admin catalogue, Wagtail's gaps show."""
    settings.LOCALE_PATHS = [settings.BASE_DIR / "locale"]
    output = io.StringIO()
    call_command("admin_untranslated", stdout=output)
    text = output.getvalue()
    assert "\n  Save draft\n" in text or "\n  Sign in\n" in text


def test_our_words_do_not_change_the_admins(db):
    """Our catalogue is first in LOCALE_PATHS: a msgid we share with Wagtail must keep the
    admin's meaning ("Pages" is the menu's pages, a book's page count has its own context)."""
    from django.utils import translation

    with translation.override("vi"):
        assert translation.gettext("Pages") == "Trang"
        assert translation.gettext("Images") == "Ảnh"
        assert translation.gettext("Name") == "Tên"
        assert translation.pgettext("number of pages of a book", "Pages") == "Số trang"
        assert translation.pgettext("person", "Name") == "Họ và tên"
