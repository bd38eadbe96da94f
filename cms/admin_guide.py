"""The editor's guide inside the admin: "Hướng dẫn biên tập" in Wagtail's Help menu, opening
/admin/huong-dan/ — short steps a volunteer can follow, with screenshots.

The screenshots (cms/static/guide/*.png) are taken by the admin walk
(tests/test_admin_walk_browser.py, `make guide`), so they show the admin as it is; the guide
names them in GUIDE_SCREENSHOTS and a test checks that each one exists. The guide's prose is
written in Vietnamese, the only language of Sohoa's editors (templates/admin_guide/).
"""

from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

# The screenshots the guide shows, by the name the walk saves them under.
GUIDE_SCREENSHOTS = (
    "dang-nhap",
    "bang-dieu-khien",
    "trinh-duyet-trang",
    "chon-loai-trang",
    "tao-truong",
    "tao-thu-vien",
    "sua-trang-truong",
    "vi-tri",
    "ve-lo-trinh",
    "tao-sach",
    "chon-anh",
    "sach-dien-tu",
    "xem-truoc",
    "gui-duyet",
    "tai-anh-len",
    "nhap-bang-tinh",
    "kiem-tra-bang-tinh",
    "ket-qua-nhap",
    "ma-qr",
    "nhan-sach",
    "in-nhan-sach",
    "cho-duyet",
    "phe-duyet",
)


def screenshot_path(name):
    """The static path of the screenshot `name` (cms/static/guide/NAME.png)."""
    return f"guide/{name}.png"


def editor_guide(request):
    shots = {name.replace("-", "_"): static(screenshot_path(name)) for name in GUIDE_SCREENSHOTS}
    return TemplateResponse(request, "admin_guide/guide.html", {"shots": shots})


@hooks.register("register_admin_urls")
def register_guide_url():
    return [path("huong-dan/", editor_guide, name="sohoa_editor_guide")]


@hooks.register("register_help_menu_item")
def register_guide_menu_item():
    return MenuItem(_("Editor's guide"), reverse("sohoa_editor_guide"), icon_name="help", order=50)


@hooks.register("construct_help_menu")
def leave_out_english_help(request, menu_items):
    """Wagtail's own help links open wagtail.org in English (its editor guide, its release
    notes), a site the office may not even reach: the Help menu offers our guide instead."""
    menu_items[:] = [
        item
        for item in menu_items
        if item.name != "editor-guide" and not item.name.startswith("whats-new-in-wagtail")
    ]
