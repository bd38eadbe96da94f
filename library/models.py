from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.fields import RichTextField
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from cms.models import BasePage, LocatedPage, location_tab, page_tabs
from cms.validators import (
    normalize_isbn,
    validate_isbn,
    validate_non_negative,
    validate_vietnamese_phone,
    validate_year,
)
from library.validators import validate_ebook_document


class Subject(models.Model):
    """A managed, extendable list of book subjects (lịch sử, khoa học, văn học…)."""

    name = models.CharField(_("tên chủ đề"), max_length=100, unique=True)
    slug = models.SlugField(_("mã"), max_length=100, unique=True, allow_unicode=False)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("chủ đề sách")
        verbose_name_plural = _("chủ đề sách")

    def __str__(self):
        return self.name


register_snippet(Subject)


class GradeBand(models.TextChoices):
    PRESCHOOL = "mam_non", _("Mầm non")
    PRIMARY = "tieu_hoc", _("Tiểu học")
    LOWER_SECONDARY = "thcs", _("THCS")
    UPPER_SECONDARY = "thpt", _("THPT")
    ALL_AGES = "moi_lua_tuoi", _("Mọi lứa tuổi")


class BookLanguage(models.TextChoices):
    VIETNAMESE = "vi", _("Tiếng Việt")
    ENGLISH = "en", _("Tiếng Anh")
    FRENCH = "fr", _("Tiếng Pháp")
    CHINESE = "zh", _("Tiếng Trung")
    RUSSIAN = "ru", _("Tiếng Nga")
    OTHER = "khac", _("Ngôn ngữ khác")


class LibraryPage(LocatedPage, BasePage):
    """A library of a school, a commune culture house or a district."""

    intro = RichTextField(
        _("giới thiệu"), blank=True, features=["h3", "bold", "italic", "link", "ol", "ul"]
    )
    opening_hours = models.TextField(
        _("giờ mở cửa"), blank=True, help_text=_("Ví dụ: Thứ 2 – Thứ 6: 7g00 – 16g30.")
    )
    phone = models.CharField(
        _("điện thoại"), max_length=32, blank=True, validators=[validate_vietnamese_phone]
    )

    parent_page_types = ["home.HomePage", "home.SchoolPage"]
    subpage_types = ["library.BookPage"]

    content_panels = [
        *BasePage.intro_panels,
        FieldPanel("intro"),
        FieldPanel("opening_hours"),
        FieldPanel("phone"),
        FieldPanel("body"),
    ]
    edit_handler = page_tabs(content_panels, location_tab())
    search_fields = [
        *BasePage.search_fields,
        *LocatedPage.search_fields,
        index.SearchField("intro"),
    ]

    class Meta:
        verbose_name = _("thư viện")
        verbose_name_plural = _("thư viện")

    def books(self):
        return BookPage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["books"] = self.books().select_related("subject", "cover_image").order_by("title")
        return context


class BookPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        code = (cleaned_data.get("code") or "").strip()
        library = self.parent_page if self.instance.pk is None else self.instance.get_parent()
        if code and library and BookPage.code_taken(library, code, exclude_pk=self.instance.pk):
            self.add_error(
                "code",
                ValidationError(
                    _("Mã sách “%(code)s” đã được dùng cho một sách khác trong thư viện này."),
                    code="duplicate_book_code",
                    params={"code": code},
                ),
            )
        return cleaned_data


class BookPage(BasePage):
    subtitle = models.CharField(_("phụ đề"), max_length=255, blank=True)
    authors = models.CharField(
        _("tác giả"),
        max_length=255,
        blank=True,
        help_text=_("Nhiều tác giả cách nhau bằng dấu phẩy."),
    )
    translator = models.CharField(_("người dịch"), max_length=255, blank=True)
    publisher = models.CharField(_("nhà xuất bản"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(
        _("năm xuất bản"), null=True, blank=True, validators=[validate_year]
    )
    edition = models.CharField(_("lần tái bản"), max_length=50, blank=True)
    isbn = models.CharField(
        "ISBN",
        max_length=20,
        blank=True,
        validators=[validate_isbn],
        help_text=_("Mã ISBN-10 hoặc ISBN-13 in ở bìa sau, có thể có dấu gạch ngang."),
    )
    language = models.CharField(
        _("ngôn ngữ"), max_length=5, choices=BookLanguage.choices, default=BookLanguage.VIETNAMESE
    )
    pages = models.PositiveIntegerField(
        _("số trang"), null=True, blank=True, validators=[validate_non_negative]
    )
    subject = models.ForeignKey(
        Subject,
        verbose_name=_("chủ đề"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="books",
    )
    grade_band = models.CharField(
        _("cấp học / lứa tuổi"),
        max_length=20,
        choices=GradeBand.choices,
        default=GradeBand.ALL_AGES,
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh bìa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    code = models.CharField(
        _("mã sách"),
        max_length=50,
        blank=True,
        db_index=True,
        help_text=_("Mã sách / số đăng ký cá biệt của thư viện; không trùng trong một thư viện."),
    )
    call_number = models.CharField(_("ký hiệu xếp giá"), max_length=50, blank=True)
    shelf = models.CharField(_("kệ / vị trí"), max_length=100, blank=True)
    copies = models.PositiveIntegerField(_("số bản"), default=1, validators=[validate_non_negative])
    ebook = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("tệp sách điện tử"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        validators=[validate_ebook_document],
        help_text=_("Tệp PDF hoặc EPUB để đọc ngay trên điện thoại."),
    )
    reading_url = models.URLField(_("đường dẫn đọc trực tuyến"), blank=True)
    audio_url = models.URLField(_("đường dẫn sách nói"), blank=True)

    base_form_class = BookPageForm
    parent_page_types = ["library.LibraryPage"]
    subpage_types = []

    content_panels = [
        *BasePage.intro_panels,
        FieldPanel("subtitle"),
        FieldPanel("authors"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
    ]
    catalogue_panels = [
        MultiFieldPanel(
            [
                FieldPanel("translator"),
                FieldPanel("publisher"),
                FieldRowPanel([FieldPanel("year"), FieldPanel("edition")]),
                FieldPanel("isbn"),
                FieldRowPanel([FieldPanel("language"), FieldPanel("pages")]),
            ],
            heading=_("Xuất bản"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("subject"), FieldPanel("grade_band")]),
                FieldRowPanel([FieldPanel("code"), FieldPanel("call_number")]),
                FieldRowPanel([FieldPanel("shelf"), FieldPanel("copies")]),
            ],
            heading=_("Thư viện"),
        ),
    ]
    reading_panels = [FieldPanel("ebook"), FieldPanel("reading_url"), FieldPanel("audio_url")]
    edit_handler = page_tabs(
        content_panels,
        ObjectList(catalogue_panels, heading=_("Thông tin thư mục")),
        ObjectList(reading_panels, heading=_("Sách điện tử")),
    )

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("subtitle", boost=2),
        index.SearchField("authors", boost=2),
        index.SearchField("translator"),
        index.SearchField("publisher"),
        index.SearchField("isbn"),
        index.SearchField("code"),
        index.RelatedFields("subject", [index.SearchField("name")]),
        index.FilterField("subject"),
        index.FilterField("grade_band"),
        index.FilterField("language"),
        index.FilterField("code"),
    ]

    class Meta:
        verbose_name = _("sách")
        verbose_name_plural = _("sách")

    def save(self, *args, **kwargs):
        self.isbn = normalize_isbn(self.isbn)
        self.code = (self.code or "").strip()
        super().save(*args, **kwargs)

    @classmethod
    def code_taken(cls, library, code, exclude_pk=None):
        """Whether another book of this library already has this code."""
        return (
            cls.objects.child_of(library).filter(code__iexact=code).exclude(pk=exclude_pk).exists()
        )

    @property
    def author_list(self):
        return [name.strip() for name in self.authors.split(",") if name.strip()]

    @property
    def has_ebook(self):
        return bool(self.ebook_id or self.reading_url)

    @property
    def library(self):
        return self.get_parent().specific

    def get_meta_image(self):
        return self.cover_image or self.main_image
