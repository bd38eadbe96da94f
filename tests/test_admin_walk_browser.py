"""The admin in Vietnamese, end to end, in a real browser.

The demo school's editor walks every screen an editor uses (login, password, dashboard, explorer,
a page from creation to "submit for approval", revisions, images, documents, reports, QR codes and
printing the library's labels, import, the editor's guide); the district's editor builds a new
school page with its library, imports its books and submits the school for approval; the
district's moderator walks the screens of moderation (the review waiting on the dashboard, the
approve dialog, unpublish, units, the units' report); and an administrator the screens only
administrators reach (a street's route editor, collections, snippets, search promotions,
workflows, users). On each screen the visible UI text (innerText, placeholders, titles, ARIA labels, button values) is
stripped of user content (the demo's and the walk's page, image, document, unit and user names)
and searched for English words: ASCII words of Wagtail's and Django's English messages, outside a
small reviewed allow-list. The walk prints each screen's share of Vietnamese UI words and fails
on any English one.

With SOHOA_GUIDE_SCREENSHOTS=1 (`make guide`) it also writes the editor's guide's screenshots to
cms/static/guide/ (see cms/admin_guide.py).
"""

import ast
import io
import os
import re
import time
from functools import cache
from importlib import import_module
from pathlib import Path

import django
import pytest
from django.apps import apps
from django.core.management import call_command
from playwright.sync_api import expect

from tests.conftest import browser  # noqa: F401  (one Chromium per process, see there)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

PASSWORD = "Sohoa-demo-2026"  # the demo accounts' (home/demo/data.py)
EDITOR = "bientap.sonca@sohoa.example"
MODERATOR = "kiemduyet.quan3@sohoa.example"
DISTRICT_EDITOR = "bientap.quan3@sohoa.example"
NEW_SCHOOL = "Trường THCS Mẫu Hoa Mai"
NEW_LIBRARY = "Thư viện Trường THCS Mẫu Hoa Mai"
NEW_PASSWORD = "Son-Ca-bien-tap-2027"
BOOK_TITLE = "Sổ tay đội viên Sơn Ca"
BOOK_SLUG = "so-tay-doi-vien-son-ca"
SHOTS = Path(__file__).resolve().parent.parent / "cms" / "static" / "guide"
VIEWPORT = {"width": 1024, "height": 768}
REPORT = Path(__file__).resolve().parent.parent / "var" / "admin-walk.txt"

# Words that stay as they are in Vietnamese UI text: names, abbreviations and loan words the
# glossary keeps (locale/GLOSSARY.md).
ALLOWED = {
    "wagtail", "zalo", "facebook", "youtube", "openstreetmap", "leaflet", "google", "excel",
    "pdf", "epub", "isbn", "csv", "xlsx", "xls", "svg", "png", "jpeg", "jpg", "gif", "webp",
    "avif", "heic", "qr", "url", "html", "id", "ok", "slug", "mb", "kb", "gb", "sohoa", "api",
    "json", "menu", "web", "link",
    # A language's own name in the language menu.
    "english",
    # A loan word: the units sheet's column "Email biên tập viên" (home/units.py), as teachers
    # write it; our labels say "thư điện tử".
    "email",
}  # fmt: skip
# Vietnamese syllables spelled like a word of the admin's English messages ("In mã QR" is
# "print QR codes", "phóng to" is "zoom in", "So sánh" is "compare", "Thu gọn" is "collapse").
# Reviewed one by one; common English words ("the", "no", "can", "me", "long") are left out on
# purpose, so that an English sentence always shows.
VIETNAMESE_SPELLED_LIKE_ENGLISH = {
    "an", "ban", "cho", "con", "do", "in", "nam", "sao", "so", "thu", "tin", "to",
}  # fmt: skip

WORD_RE = re.compile(r"[^\W\d_]+")
# Addresses, links, file names: not words of the interface.
NOT_TEXT_RE = re.compile(
    r"\S+@\S+|https?://\S+|(?<!\w)/[\w./?=&%-]*|\b[\w-]+\.(?:pdf|epub|png|jpe?g|svg|xlsx?|csv)\b"
    r"|\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b"  # a setting's name
    r"|\b(?:dd|mm|yyyy|hh)(?:[/.:-](?:dd|mm|yyyy|hh|ii))+\b",  # a date format's pattern
    re.IGNORECASE,
)

# Content regions: rich text being edited, a StreamField block's preview of its text (and the
# minimap's copy of it), the map's attribution, the time zones' place names (the browser's own
# data), code to type as it is ("/admin/").
COLLECT_JS = """() => {
    const content = "[contenteditable=true], .Draftail-Editor, .leaflet-control-attribution,"
        + " .c-sf-block__title, .w-minimap, select[name$=time_zone], code";
    let text = document.title + "\\n" + document.body.innerText;
    // Longest first: "/admin/" must not cut "sohoa.example/admin/" before it goes.
    const regions = [...document.querySelectorAll(content)].map((region) => region.innerText);
    for (const inner of regions.filter(Boolean).sort((a, b) => b.length - a.length)) {
        text = text.split(inner).join("\\n");
    }
    const attributes = [];
    const named = ["placeholder", "title", "aria-label", "data-w-tooltip-content-value"];
    for (const element of document.querySelectorAll(named.map((n) => `[${n}]`).join(","))) {
        if (element.closest(content)) continue;
        for (const name of named) {
            const value = element.getAttribute(name);
            if (value) attributes.push(value);
        }
    }
    for (const button of document.querySelectorAll(
        "input[type=submit], input[type=button], input[type=reset]"
    )) {
        if (button.value) attributes.push(button.value);
    }
    const frames = [...document.querySelectorAll("iframe")].map((frame) => {
        try { return frame.contentDocument.body.innerText; } catch (error) { return ""; }
    });
    return [text, ...attributes, ...frames].join("\\n");
}"""


def po_messages(path):
    """The msgids (singular and plural) of a .po file."""
    messages, current, collecting = [], [], False
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith(("msgid ", "msgid_plural ")):
            if current:
                messages.append("".join(current))
            current, collecting = [ast.literal_eval(line.split(" ", 1)[1])], True
        elif line.startswith('"') and collecting:
            current.append(ast.literal_eval(line))
        else:
            collecting = False
    if current:
        messages.append("".join(current))
    return messages


@cache
def english_words():
    """Every ASCII word of the English messages of Wagtail, wagtailgeowidget and Django."""
    roots = [Path(django.__file__).parent]
    roots += [
        Path(config.path)
        for config in apps.get_app_configs()
        if config.name.split(".")[0] in ("wagtail", "wagtailgeowidget")
    ]
    words = set()
    for root in roots:
        for po in root.glob("**/locale/en/LC_MESSAGES/*.po"):
            for message in po_messages(po):
                message = re.sub(r"%\(\w+\)\w|\{\w*\}|<[^>]+>|&\w+;", " ", message)
                words.update(w.lower() for w in WORD_RE.findall(message) if w.isascii())
    return frozenset(words)


def content_texts():
    """What users wrote (and the demo holds): names, titles and slugs shown on admin screens,
    longest first so that a title is removed before the words inside it."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Collection, Page, Revision, Task, Workflow

    from cms.qr.models import QRCode
    from home.models import Unit
    from library.models import Subject

    texts = set()
    for title, draft_title, slug in Page.objects.values_list("title", "draft_title", "slug"):
        texts.update((title, draft_title, slug))
    for model in (get_image_model(), get_document_model()):
        for title, name in model.objects.values_list("title", "file"):
            texts.update((title, name, Path(name).name))
    for model in (Collection, Group, Unit, Task, Workflow, Subject):
        texts.update(str(item) for item in model.objects.all())
    for user in get_user_model().objects.all():
        texts.update((user.get_username(), user.get_full_name(), user.email))
    texts.update(str(revision.content.get("title", "")) for revision in Revision.objects.all())
    # Printed short codes are random letters and digits ("K7HH2"): not words.
    texts.update(QRCode.objects.values_list("code", flat=True))
    return sorted((text for text in texts if text and len(text) > 1), key=len, reverse=True)


def ui_words(text, content):
    for item in content:
        text = text.replace(item, " ")
    text = NOT_TEXT_RE.sub(" ", text)
    return [word for word in WORD_RE.findall(text) if len(word) > 1]


def english_in(words):
    known = english_words()
    return sorted(
        {
            word
            for word in words
            if word.isascii()
            and word.lower() in known
            and word.lower() not in ALLOWED
            and word.lower() not in VIETNAMESE_SPELLED_LIKE_ENGLISH
        }
    )


class Walk:
    """One person's walk through admin screens: each `screen()` reads the page's UI text."""

    def __init__(self, browser, base_url, label, screenshots=None):  # noqa: F811
        self.context = browser.new_context(viewport=VIEWPORT, locale="vi-VN")
        self.page = self.context.new_page()
        self.errors = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.base_url = base_url
        self.label = label
        self.screenshots = screenshots
        self.results = []

    def goto(self, path):
        self.page.goto(self.base_url + path)
        self.settle()

    def settle(self):
        self.page.wait_for_load_state("networkidle")

    def screen(self, name, shot=None, full_page=False):
        """Read the UI text of what is on screen now, as screen `name`."""
        self.settle()
        text = self.page.evaluate(COLLECT_JS)
        words = ui_words(text, content_texts())
        english = english_in(words)
        self.results.append((f"{self.label}: {name}", words, english, self.page.url))
        if shot and self.screenshots is not None:
            self.screenshots(self.page, shot, full_page)
        return english

    def login(self, username, password=PASSWORD):
        self.goto("/admin/login/")
        self.page.get_by_label("Tên đăng nhập").fill(username)
        self.page.get_by_label("Mật khẩu").fill(password)
        self.page.get_by_role("button", name="Đăng nhập").click()
        self.settle()

    def close(self):
        self.context.close()


def save_screenshot(page, name, full_page=False):
    """A PNG for the guide, readable on a phone: at most 1280 px wide, palette-compressed."""
    from PIL import Image

    SHOTS.mkdir(parents=True, exist_ok=True)
    image = Image.open(io.BytesIO(page.screenshot(full_page=full_page)))
    if image.width > 1280:
        image = image.resize((1280, round(image.height * 1280 / image.width)))
    image = image.convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT)
    image.save(SHOTS / f"{name}.png", optimize=True)


def report(results):
    lines = []
    failures = []
    for name, words, english, url in results:
        share = 100 * (1 - len([w for w in words if w in english]) / max(len(words), 1))
        lines.append(
            f"{share:6.1f}%  {len(words):5d} words  {name}" + (f"  {english}" if english else "")
        )
        if english:
            failures.append(f"{name} ({url}): {', '.join(english)}")
    return "\n".join(lines), failures


def demo_ids():
    """The demo's pages and people that the walk visits."""
    from home.models import SchoolPage
    from library.models import LibraryPage

    school = SchoolPage.objects.get(slug="truong-thcs-mau-son-ca")
    library = LibraryPage.objects.child_of(school).get()
    schools = school.get_parent()
    return {
        "school": school.pk,
        "library": library.pk,
        "schools": schools.pk,
        "district": schools.get_parent().pk,
    }


def cover_jpeg(path):
    from PIL import Image

    Image.new("RGB", (600, 800), (200, 60, 40)).save(path, "JPEG")
    return path


def modal_shown(page):
    """Wait for a modal to finish fading in (a screenshot mid-fade is grey)."""
    expect(page.locator(".modal.in .modal-content")).to_be_visible()
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('.modal.in')).opacity === '1'"
    )


def close_modal(page):
    page.locator(".modal.in button.close").click()
    expect(page.locator(".modal.in")).to_have_count(0)


def editor_walk(walk, ids, files):
    """The school's editor: sign in, their pages, a new book from draft to approval, media,
    reports, QR codes, import, the guide."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, Revision

    page = walk.page
    walk.goto("/admin/login/")
    walk.screen("đăng nhập", shot="dang-nhap")
    page.get_by_label("Tên đăng nhập").fill(EDITOR)
    page.get_by_label("Mật khẩu").fill("khong-dung-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    walk.screen("đăng nhập sai mật khẩu")
    walk.goto("/admin/password_reset/")
    walk.screen("quên mật khẩu")
    walk.login(EDITOR)
    walk.screen("bảng điều khiển", shot="bang-dieu-khien")

    walk.goto("/admin/account/")
    walk.screen("tài khoản", shot="tai-khoan")
    page.locator("#id_password-old_password").fill(PASSWORD)
    page.locator("#id_password-new_password1").fill(NEW_PASSWORD)
    page.locator("#id_password-new_password2").fill(NEW_PASSWORD + "x")
    page.get_by_role("button", name="Lưu").click()
    walk.screen("đổi mật khẩu: hai mật khẩu khác nhau")
    page.locator("#id_password-old_password").fill(PASSWORD)
    page.locator("#id_password-new_password1").fill(NEW_PASSWORD)
    page.locator("#id_password-new_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Lưu").click()
    walk.screen("đổi mật khẩu: đã đổi")

    walk.goto(f"/admin/pages/{ids['school']}/")
    walk.screen("trình duyệt trang: trường", shot="trinh-duyet-trang")
    walk.goto(f"/admin/pages/{ids['library']}/")
    walk.screen("trình duyệt trang: thư viện")
    walk.goto("/admin/pages/search/?q=son+ca")
    walk.screen("tìm trang")

    walk.goto(f"/admin/pages/{ids['school']}/edit/")
    walk.screen("sửa trang trường", shot="sua-trang-truong")
    page.get_by_role("tab", name="Vị trí").click()
    location = page.locator("[data-field-wrapper]:has(#id_location)")
    location.locator("input:not([type=hidden])").first.click()
    location.scroll_into_view_if_needed()
    walk.screen("sửa trang trường: vị trí", shot="vi-tri")

    walk.goto(f"/admin/pages/add/library/bookpage/{ids['library']}/")
    walk.screen("tạo trang sách", shot="tao-sach")
    page.get_by_role("button", name="Lưu bản nháp").click()
    walk.screen("tạo trang sách: lỗi biểu mẫu")
    page.locator("#id_title").fill(BOOK_TITLE)
    page.get_by_role("tab", name=re.compile("^Đường dẫn")).click()
    page.locator("#id_slug").fill(BOOK_SLUG)
    page.get_by_role("button", name="Lưu bản nháp").click()
    page.wait_for_url("**/edit/")
    book = Page.objects.get(title=BOOK_TITLE)
    walk.screen("sửa trang sách: đã lưu bản nháp")

    page.locator("[data-chooser-action-choose]").first.click()
    modal_shown(page)
    walk.screen("chọn ảnh", shot="chon-anh")
    close_modal(page)
    page.get_by_role("tab", name="Sách điện tử").click()
    page.locator("[data-field-wrapper]:has(#id_ebook) [data-chooser-action-choose]").click()
    modal_shown(page)
    walk.screen("chọn tài liệu", shot="sach-dien-tu")
    close_modal(page)

    page.locator("[data-side-panel-toggle=preview]").click()
    expect(page.frame_locator("#w-preview-iframe").locator("body")).to_contain_text(BOOK_TITLE)
    walk.screen("xem trước", shot="xem-truoc")
    page.locator("[data-side-panel-toggle=checks]").click()
    walk.screen("kiểm tra trang")
    page.locator("[data-side-panel-toggle=status]").click()
    walk.screen("trạng thái trang")
    page.locator("[data-side-panel-toggle=status]").click()

    page.get_by_role("tab", name="Nội dung").click()
    page.locator("#id_summary").fill("Truyện ngắn của Nam Cao về một lão nông nghèo.")
    page.get_by_role("button", name="Lưu bản nháp").click()
    walk.screen("sửa trang sách: lưu lần hai")

    walk.goto(f"/admin/pages/{book.pk}/history/")
    walk.screen("lịch sử trang")
    first, last = Revision.objects.filter(object_id=str(book.pk)).order_by("pk")[:2]
    walk.goto(f"/admin/pages/{book.pk}/revisions/compare/{first.pk}...{last.pk}/")
    walk.screen("so sánh phiên bản")
    walk.goto(f"/admin/pages/{book.pk}/move/")
    walk.screen("di chuyển trang")
    walk.goto(f"/admin/pages/{book.pk}/copy/")
    walk.screen("sao chép trang")
    walk.goto(f"/admin/pages/{book.pk}/delete/")
    walk.screen("xoá trang: xác nhận")

    walk.goto(f"/admin/pages/{book.pk}/edit/")
    page.locator("footer .w-dropdown__toggle, footer [data-w-dropdown-target=toggle]").first.click()
    page.locator("[name=action-submit]").click()
    walk.screen("gửi duyệt", shot="gui-duyet")

    walk.goto("/admin/images/")
    walk.screen("ảnh", shot="anh")
    walk.goto("/admin/images/multiple/add/")
    walk.screen("tải ảnh lên", shot="tai-anh-len")
    page.locator("input[type=file]").set_input_files(str(files["image"]))
    expect(page.locator(".upload-success, .upload-list form").first).to_be_visible()
    walk.screen("tải ảnh lên: đã tải")
    image = get_image_model().objects.order_by("-pk").first()
    walk.goto(f"/admin/images/{image.pk}/")
    walk.screen("sửa ảnh")
    walk.goto("/admin/documents/")
    walk.screen("tài liệu")
    walk.goto("/admin/documents/multiple/add/")
    walk.screen("tải tài liệu lên", shot="tai-tai-lieu-len")
    page.locator("input[type=file]").set_input_files(str(files["pdf"]))
    expect(page.locator(".upload-success, .upload-list form").first).to_be_visible()
    walk.screen("tải tài liệu lên: đã tải")
    document = get_document_model().objects.order_by("-pk").first()
    walk.goto(f"/admin/documents/edit/{document.pk}/")
    walk.screen("sửa tài liệu")

    for path, name in (
        ("/admin/reports/aging-pages/", "báo cáo: trang lâu chưa sửa"),
        ("/admin/reports/site-history/", "báo cáo: lịch sử trang web"),
        ("/admin/reports/workflow/", "báo cáo: quy trình duyệt"),
        ("/admin/reports/workflow_tasks/", "báo cáo: bước duyệt"),
        ("/admin/reports/qr-codes/", "báo cáo: mã QR"),
    ):
        walk.goto(path)
        walk.screen(name)

    walk.goto(f"/admin/qr/{ids['school']}/")
    walk.screen("mã QR của trang", shot="ma-qr")
    walk.goto(f"/admin/qr/{ids['library']}/")
    walk.screen("mã QR của thư viện: nhãn sách", shot="nhan-sach")
    page.get_by_role("button", name="Tạo tệp PDF để in").click()
    expect(page.get_by_role("link", name="Tải tệp PDF")).to_be_visible(timeout=60_000)
    walk.screen("in nhãn sách: tệp đã sẵn sàng", shot="in-nhan-sach")

    walk.goto(f"/admin/import/{ids['library']}/")
    walk.screen("nhập bảng tính", shot="nhap-bang-tinh")
    page.locator("input[type=file]").set_input_files(str(files["sheet"]))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    expect(page.get_by_role("heading", name="Kiểm tra trước khi nhập")).to_be_visible()
    walk.screen("nhập bảng tính: kiểm tra", shot="kiem-tra-bang-tinh")

    walk.goto("/admin/huong-dan/")
    walk.screen("hướng dẫn biên tập")
    return book


def save_draft_of_new_page(walk, title, slug):
    """Fill a new page's title and slug, save it as a draft; the page saved."""
    from wagtail.models import Page

    page = walk.page
    page.locator("#id_title").fill(title)
    page.get_by_role("tab", name=re.compile("^Đường dẫn")).click()
    page.locator("#id_slug").fill(slug)
    page.get_by_role("button", name="Lưu bản nháp").click()
    page.wait_for_url("**/edit/")
    walk.settle()
    return Page.objects.get(slug=slug).specific


def district_editor_walk(walk, ids, files):
    """The district's editor builds a school page with its library, imports the library's
    books, and sends the school for approval — what the issue's "done when" asks of an editor
    who reads no English."""
    from wagtail.models import Page

    page = walk.page
    walk.login(DISTRICT_EDITOR)
    walk.goto(f"/admin/pages/{ids['district']}/add_subpage/")
    walk.screen("chọn loại trang", shot="chon-loai-trang")

    # A section that takes one kind of page opens that kind's form straight away.
    walk.goto(f"/admin/pages/{ids['schools']}/add_subpage/")
    walk.screen("tạo trang trường", shot="tao-truong")
    page.locator("#id_level").select_option(index=1)
    school = save_draft_of_new_page(walk, NEW_SCHOOL, "truong-thcs-mau-hoa-mai")
    walk.screen("trang trường mới: đã lưu bản nháp")

    walk.goto(f"/admin/pages/{school.pk}/add_subpage/")
    walk.screen("tạo trang thư viện", shot="tao-thu-vien")
    library = save_draft_of_new_page(walk, NEW_LIBRARY, "thu-vien-truong-thcs-mau-hoa-mai")
    walk.screen("trang thư viện mới: đã lưu bản nháp")

    walk.goto(f"/admin/import/{library.pk}/")
    page.locator("input[type=file]").set_input_files(str(files["sheet"]))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    expect(page.get_by_role("heading", name="Kiểm tra trước khi nhập")).to_be_visible()
    page.get_by_role("button", name="Chỉ nhập các dòng không có lỗi").click()
    expect(page.get_by_role("heading", name="Kết quả nhập")).to_be_visible(timeout=60_000)
    walk.screen("nhập bảng tính: kết quả", shot="ket-qua-nhap")
    # Not library.get_children(): treebeard answers from the stale in-memory child count.
    assert Page.objects.child_of(library).count() == 3

    walk.goto(f"/admin/pages/{school.pk}/edit/")
    page.locator("footer .w-dropdown__toggle, footer [data-w-dropdown-target=toggle]").first.click()
    page.locator("[name=action-submit]").click()
    walk.settle()
    walk.screen("gửi duyệt trang trường")
    assert school.current_workflow_state.status == "in_progress"


def moderator_walk(walk, book):
    """The district's moderator: the review waiting on the dashboard, approving it, and the
    screens only moderators see."""
    from wagtail.models import Page

    page = walk.page
    walk.login(MODERATOR)
    walk.screen("bảng điều khiển: chờ duyệt", shot="cho-duyet")
    review = page.locator("tr", has_text=book.title)
    review.locator("[data-w-dropdown-target=toggle], .w-dropdown__toggle").first.click()
    page.locator("button[data-workflow-action-url*='/approve/'][data-launch-modal]").click()
    modal_shown(page)
    walk.screen("phê duyệt: hộp thoại", shot="phe-duyet")
    page.locator(".modal-content textarea").fill("Đã xem, đồng ý xuất bản.")
    page.locator(".modal-content [type=submit]").click()
    expect(page.locator(".modal.in")).to_have_count(0)
    for _attempt in range(50):
        if Page.objects.get(pk=book.pk).live:
            break
        time.sleep(0.1)
    else:
        pytest.fail("The approved page was not published")
    walk.goto("/admin/")
    walk.screen("phê duyệt: đã phê duyệt")

    walk.goto(f"/admin/pages/{book.pk}/workflow_history/")
    walk.screen("lịch sử quy trình duyệt")
    walk.goto(f"/admin/pages/{book.pk}/unpublish/")
    walk.screen("huỷ xuất bản: xác nhận")
    walk.goto(f"/admin/pages/{book.pk}/move/")
    walk.screen("di chuyển trang")
    walk.goto("/admin/reports/locked/")
    walk.screen("báo cáo: trang bị khoá")
    walk.goto("/admin/units/")
    walk.screen("đơn vị", shot="don-vi")
    walk.goto("/admin/units/add/")
    walk.screen("đơn vị: thêm")
    walk.goto("/admin/units/import/")
    walk.screen("đơn vị: nhập từ bảng tính")
    walk.goto("/admin/reports/units/")
    walk.screen("báo cáo theo đơn vị")


def admin_walk(walk, username, password):
    """What only the site's administrators reach: collections, snippets (the managed list of
    book subjects), search promotions, workflows, users; and a street's route editor (the demo's
    streets belong to the province)."""
    from heritage.models import StreetPage

    walk.login(username, password)
    street = StreetPage.objects.order_by("path").first()
    walk.goto(f"/admin/pages/{street.pk}/edit/")
    walk.page.get_by_role("tab", name="Lộ trình").click()
    route_map = walk.page.locator(".route-editor-map")
    expect(route_map.locator(".leaflet-control-zoom-in")).to_be_visible()
    route_map.scroll_into_view_if_needed()
    walk.screen("sửa tuyến đường: vẽ lộ trình", shot="ve-lo-trinh")
    for path, name in (
        ("/admin/collections/", "bộ sưu tập"),
        ("/admin/collections/add/", "bộ sưu tập: thêm"),
        ("/admin/snippets/", "mục dùng chung"),
        ("/admin/snippets/library/subject/", "mục dùng chung: chủ đề sách"),
        ("/admin/snippets/library/subject/add/", "mục dùng chung: thêm chủ đề"),
        ("/admin/searchpicks/", "kết quả tìm kiếm ưu tiên"),
        ("/admin/searchpicks/add/", "kết quả tìm kiếm ưu tiên: thêm"),
        ("/admin/workflows/list/", "quy trình duyệt"),
        ("/admin/workflows/tasks/index/", "bước duyệt"),
        ("/admin/users/", "người dùng"),
    ):
        walk.goto(path)
        walk.screen(name)


@pytest.fixture
def demo(home_page):
    """The demo (committed: the live server reads it). A transactional test's flush removes what
    migrations created: `load_demo` needs the site's home page (the `home_page` fixture) and the
    book subjects, seeded again here."""
    import_module("library.migrations.0002_seed_subjects").seed_subjects(apps, None)
    call_command("load_demo", stdout=io.StringIO())
    return demo_ids()


@pytest.fixture
def walk_files(tmp_path):
    from cms.tests.test_import_browser import teachers_list
    from library.tests.test_reader import multi_page_pdf

    sheet = tmp_path / "Danh muc sach.xlsx"
    sheet.write_bytes(teachers_list(lambda name: ""))
    pdf = tmp_path / "lao-hac.pdf"
    pdf.write_bytes(multi_page_pdf(2))
    return {"sheet": sheet, "pdf": pdf, "image": cover_jpeg(tmp_path / "bia-lao-hac.jpg")}


def test_an_editor_and_a_moderator_meet_no_english_in_the_admin(
    browser,  # noqa: F811
    live_server,
    demo,
    walk_files,
    superuser,
):
    screenshots = save_screenshot if os.environ.get("SOHOA_GUIDE_SCREENSHOTS") == "1" else None
    started = time.monotonic()
    editor = Walk(browser, live_server.url, "biên tập viên", screenshots)
    district_editor = Walk(browser, live_server.url, "biên tập viên quận", screenshots)
    moderator = Walk(browser, live_server.url, "kiểm duyệt viên", screenshots)
    admin = Walk(browser, live_server.url, "quản trị", screenshots)
    walks = (editor, district_editor, moderator, admin)
    try:
        book = editor_walk(editor, demo, walk_files)
        district_editor_walk(district_editor, demo, walk_files)
        moderator_walk(moderator, book)
        admin_walk(admin, superuser.username, "mat-khau-thu-nghiem")
    finally:
        for walk in walks:
            walk.close()
    table, failures = report([result for walk in walks for result in walk.results])
    from django.db import connection

    heading = (
        f"Vietnamese share of UI words per screen ({connection.vendor}, "
        f"{time.monotonic() - started:.0f} s):"
    )
    print(f"\n{heading}\n{table}")
    # Kept for reading after `make test`, which shows a passing test's output to no one.
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(f"{heading}\n{table}\n", encoding="utf-8")
    assert [error for walk in walks for error in walk.errors] == [], "JavaScript errors"
    assert not failures, "English on admin screens:\n" + "\n".join(failures)
