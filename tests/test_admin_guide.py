"""The editor's guide in the admin, and the admin's Vietnamese dates and numbers."""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template import Context, Template
from django.utils import timezone, translation
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

from cms.admin_guide import GUIDE_SCREENSHOTS, screenshot_path

GUIDE_TEMPLATES = Path(settings.BASE_DIR) / "templates" / "admin_guide"
STATIC_DIR = Path(settings.BASE_DIR) / "cms" / "static"


def test_every_screenshot_the_guide_shows_exists():
    """`make guide` (the admin walk) writes them; a renamed or lost one fails here."""
    used = set()
    for template in GUIDE_TEMPLATES.glob("*.html"):
        used.update(re.findall(r"\{\{ *shots\.(\w+)", template.read_text(encoding="utf-8")))
    assert used == {name.replace("-", "_") for name in GUIDE_SCREENSHOTS}
    missing = [
        name for name in GUIDE_SCREENSHOTS if not (STATIC_DIR / screenshot_path(name)).is_file()
    ]
    assert missing == [], "run `make guide` to take the screenshots"


def test_the_admin_walk_takes_every_screenshot_of_the_guide():
    """Each screenshot is retaken by the walk (`make guide`), none is a one-off."""
    walk = (Path(__file__).parent / "test_admin_walk_browser.py").read_text(encoding="utf-8")
    taken = set(re.findall(r'shot="([\w-]+)"', walk))
    assert set(GUIDE_SCREENSHOTS) <= taken


@pytest.mark.parametrize("name", GUIDE_SCREENSHOTS)
def test_screenshots_are_phone_friendly(name):
    from PIL import Image

    path = STATIC_DIR / screenshot_path(name)
    with Image.open(path) as image:
        assert image.width <= 1280
    assert path.stat().st_size < 400_000


def test_the_guide_opens_from_the_help_menu(admin_client):
    dashboard = admin_client.get("/admin/").content.decode()
    assert "Hướng dẫn biên tập" in dashboard and "/admin/huong-dan/" in dashboard
    response = admin_client.get("/admin/huong-dan/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Hướng dẫn biên tập" in html
    for heading in ("Tạo trang", "vị trí", "sách điện tử", "bảng tính", "mã QR", "gửi duyệt"):
        assert heading in html
    for name in GUIDE_SCREENSHOTS:
        assert f"/static/{screenshot_path(name)}" in html


def admin_translations():
    """Every Vietnamese text the admin can show for a message, as gettext finds it."""
    from django.utils.translation import trans_real

    catalogue = trans_real.translation("vi")
    texts = set()
    for key in catalogue._catalog.keys():  # noqa: SIM118 (TranslationCatalog has no __iter__)
        if isinstance(key, tuple):  # a plural form: its singular is a key of its own
            continue
        context, _, message = key.rpartition("\x04")
        text = catalogue.pgettext(context, message) if context else catalogue.gettext(message)
        texts.add(" ".join(text.split()))
    return texts


def test_the_guide_names_buttons_and_menus_as_the_admin_does():
    """A name the guide quotes (<span class="ui">) must be one the admin shows: a renamed
    button in the catalogue leaves the guide pointing at nothing."""
    texts = admin_translations()
    quoted = set()
    for template in GUIDE_TEMPLATES.glob("*.html"):
        html = template.read_text(encoding="utf-8")
        quoted.update(
            " ".join(name.split())
            for name in re.findall(r'<span class="ui">(.*?)</span>', html, re.S)
        )
    words = {name for name in quoted if re.search(r"\w", name)}  # not "⋯", "+", "−"
    unknown = [
        name
        for name in sorted(words)
        if name not in texts and not any(text.startswith(f"{name}: ") for text in texts)
    ]
    assert len(words) > 20
    assert unknown == []


def test_the_help_menu_leaves_out_wagtails_english_pages(rf, superuser):
    from wagtail.admin.menu import help_menu

    request = rf.get("/admin/")
    request.user = superuser
    urls = [str(item.url) for item in help_menu.menu_items_for_request(request)]
    assert "/admin/huong-dan/" in urls
    assert not [url for url in urls if "wagtail.org" in url]


def test_the_guide_is_for_signed_in_editors_only(client):
    response = client.get("/admin/huong-dan/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_admin_date_pickers_show_and_read_day_first():
    with translation.override("vi"):
        assert AdminDateInput().format_value(datetime.date(2026, 11, 5)) == "05/11/2026"
        moment = datetime.datetime(2026, 11, 5, 14, 30)
        assert AdminDateTimeInput().format_value(moment) == "05/11/2026 14:30"
        from django import forms

        class Schedule(forms.Form):
            day = forms.DateField(widget=AdminDateInput)
            at = forms.DateTimeField(widget=AdminDateTimeInput)

        form = Schedule({"day": "05/11/2026", "at": "05/11/2026 14:30"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == datetime.date(2026, 11, 5)
        at = form.cleaned_data["at"]
        assert (at.day, at.month, at.hour, at.minute) == (5, 11, 14, 30)
        assert str(at.tzinfo) == "Asia/Ho_Chi_Minh"


def test_numbers_read_the_vietnamese_way():
    with translation.override("vi"):
        assert intcomma(1234567) == "1.234.567"
        assert intcomma(Decimal("1234.5")) == "1.234,5"
        rendered = Template('{% load l10n %}{{ n }}|{{ x|floatformat:"1g" }}|{{ n|unlocalize }}')
        # Bare numbers stay ungrouped: years, ids and <progress max> must not read "2.026".
        assert rendered.render(Context({"n": 2026, "x": 1234.5})) == "2026|1.234,5|2026"


def test_admin_date_tooltips_and_numbers_are_written_the_vietnamese_way():
    moment = timezone.make_aware(datetime.datetime(2026, 11, 5, 14, 30))
    template = Template(
        "{% load wagtailadmin_tags %}{% human_readable_date moment %}|{{ moment|date }}|"
        "{{ moment|date:'SHORT_DATETIME_FORMAT' }}|{{ big|intcomma }}|{{ decimal|floatformat:1 }}"
    )
    with translation.override("vi"), timezone.override("Asia/Ho_Chi_Minh"):
        html = template.render(Context({"moment": moment, "big": 1234567, "decimal": 1234.5}))
    tooltip, date, short, big, decimal = html.split("|")
    assert 'data-w-tooltip-content-value="05/11/2026 14:30"' in tooltip
    assert (date, short, big, decimal) == ("05/11/2026", "05/11/2026 14:30", "1.234.567", "1234,5")


def test_number_inputs_stay_parseable():
    """A form shows an integer as typed and reads it back: no thousands separator in inputs."""
    from django import forms

    class Copies(forms.Form):
        copies = forms.IntegerField()
        width = forms.DecimalField(decimal_places=1)

    with translation.override("vi"):
        form = Copies(initial={"copies": 1234, "width": Decimal("12.5")})
        html = str(form["copies"]) + str(form["width"])
        assert 'value="1234"' in html and 'value="12.5"' in html
        bound = Copies({"copies": "1234", "width": "12.5"})
        assert bound.is_valid(), bound.errors
