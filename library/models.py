from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
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
from library.sort_keys import fill_catalogue_keys
from library.validators import read_ebook_head, sniff_ebook_format, validate_ebook_document


class Subject(models.Model):
    """A managed, extendable list of book subjects (lịch sử, khoa học, văn học…)."""

    name = models.CharField(_("subject name"), max_length=100, unique=True)
    slug = models.SlugField(_("code"), max_length=100, unique=True, allow_unicode=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("book subject")
        verbose_name_plural = _("book subject")

    def __str__(self):
        return self.name


register_snippet(Subject)


class GradeBand(models.TextChoices):
    PRESCHOOL = "mam_non", _("Preschool")
    PRIMARY = "tieu_hoc", _("Primary school")
    LOWER_SECONDARY = "thcs", _("Lower secondary")
    UPPER_SECONDARY = "thpt", _("Upper secondary")
    ALL_AGES = "moi_lua_tuoi", _("All ages")


class BookLanguage(models.TextChoices):
    VIETNAMESE = "vi", _("Vietnamese")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    CHINESE = "zh", _("Chinese")
    RUSSIAN = "ru", _("Russian")
    OTHER = "khac", _("Other language")


class LibraryPage(LocatedPage, BasePage):
    """A library of a school, a commune culture house or a district."""

    intro = RichTextField(
        _("introduction text"), blank=True, features=["h3", "bold", "italic", "link", "ol", "ul"]
    )
    opening_hours = models.TextField(
        _("opening hours"), blank=True, help_text=_("For example: Monday – Friday: 7:00 – 16:30.")
    )
    phone = models.CharField(
        _("phone"), max_length=32, blank=True, validators=[validate_vietnamese_phone]
    )

    parent_page_types = ["home.HomePage", "home.UnitPage", "home.SchoolPage"]
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
        verbose_name = _("library")
        verbose_name_plural = _("library")

    def books(self):
        return BookPage.objects.child_of(self).live().public()

    def card_fact(self):
        return self.full_address

    def get_context(self, request, *args, **kwargs):
        # library.catalogue builds its queries on these models: imported when first needed.
        from library.catalogue import browse

        context = super().get_context(request, *args, **kwargs)
        context["catalogue"] = browse(self.books(), request.GET)
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
                    _("The book code “%(code)s” is already used by another book in this library."),
                    code="duplicate_book_code",
                    params={"code": code},
                ),
            )
        return cleaned_data


class BookPage(BasePage):
    subtitle = models.CharField(_("subtitle"), max_length=255, blank=True)
    authors = models.CharField(
        _("authors"),
        max_length=255,
        blank=True,
        help_text=_("Separate several authors with commas."),
    )
    translator = models.CharField(_("translator"), max_length=255, blank=True)
    publisher = models.CharField(_("publisher"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(
        _("publication year"), null=True, blank=True, validators=[validate_year]
    )
    edition = models.CharField(_("edition"), max_length=50, blank=True)
    isbn = models.CharField(
        "ISBN",
        max_length=20,
        blank=True,
        validators=[validate_isbn],
        help_text=_("The ISBN-10 or ISBN-13 printed on the back cover; hyphens are fine."),
    )
    language = models.CharField(
        _("language"), max_length=5, choices=BookLanguage.choices, default=BookLanguage.VIETNAMESE
    )
    pages = models.PositiveIntegerField(
        pgettext_lazy("number of pages of a book", "pages"),
        null=True,
        blank=True,
        validators=[validate_non_negative],
    )
    subject = models.ForeignKey(
        Subject,
        verbose_name=_("subject"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="books",
    )
    grade_band = models.CharField(
        _("grade / age band"),
        max_length=20,
        choices=GradeBand.choices,
        default=GradeBand.ALL_AGES,
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Where an imported cover was downloaded from: a re-import of the same link changes nothing.
    cover_url = models.URLField(_("cover image link"), max_length=500, blank=True)
    code = models.CharField(
        _("book code"),
        max_length=50,
        blank=True,
        db_index=True,
        help_text=_("The library’s own book code (registration number); unique within a library."),
    )
    call_number = models.CharField(_("call number"), max_length=50, blank=True)
    shelf = models.CharField(_("shelf"), max_length=100, blank=True)
    copies = models.PositiveIntegerField(_("copies"), default=1, validators=[validate_non_negative])
    ebook = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("e-book file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        validators=[validate_ebook_document],
        help_text=_("A PDF or EPUB file to read right on a phone."),
    )
    reading_url = models.URLField(
        _("online reading link"),
        blank=True,
        help_text=_(
            "A link to read the book on another site. A link straight to a PDF or EPUB file, "
            "given in an imported spreadsheet, is downloaded as the e-book file."
        ),
    )
    audio_url = models.URLField(_("audio book link"), blank=True)
    # Kept by save() for the library's catalogue (library.sort_keys, library.catalogue).
    title_sort_key = models.CharField(max_length=255, blank=True, editable=False)
    authors_sort_key = models.CharField(max_length=255, null=True, editable=False)
    folded_authors = models.CharField(max_length=300, blank=True, editable=False)

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
            heading=_("Publication"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("subject"), FieldPanel("grade_band")]),
                FieldRowPanel([FieldPanel("code"), FieldPanel("call_number")]),
                FieldRowPanel([FieldPanel("shelf"), FieldPanel("copies")]),
            ],
            heading=_("Library"),
        ),
    ]
    reading_panels = [FieldPanel("ebook"), FieldPanel("reading_url"), FieldPanel("audio_url")]
    edit_handler = page_tabs(
        content_panels,
        ObjectList(catalogue_panels, heading=_("Catalogue details")),
        ObjectList(reading_panels, heading=_("E-book")),
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
        verbose_name = _("book")
        verbose_name_plural = _("book")
        # The catalogue's orders and its grade band filter (library.catalogue).
        indexes = [
            models.Index(fields=["title_sort_key", "page_ptr"], name="book_title_order"),
            models.Index(fields=["authors_sort_key", "page_ptr"], name="book_author_order"),
            models.Index(fields=["grade_band"], name="book_grade_band"),
        ]

    def save(self, *args, **kwargs):
        self.isbn = normalize_isbn(self.isbn)
        self.code = (self.code or "").strip()
        fill_catalogue_keys(self)
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

    def card_fact(self):
        return self.authors

    @cached_property
    def ebook_format(self):
        """'pdf' or 'epub' as the e-book file's bytes say; None without a readable e-book.

        Cached on the instance: a book page's template asks several times per request, and
        the file may be on a remote storage.
        """
        if not self.ebook_id:
            return None
        try:
            return sniff_ebook_format(read_ebook_head(self.ebook))
        except (OSError, ValueError):
            return None

    def ebook_url(self):
        """The e-book served with range requests (library.views.ebook), for the reader and link."""
        return reverse("library:ebook", args=[self.pk])
