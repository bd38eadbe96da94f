"""Behaviour every Sohoa page shares, written once: summary, main image, body, gallery,
related pages, link-preview metadata, and (for places) an address and a point on the map."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import RICH_TEXT_FEATURES, BodyBlock, GalleryImagesBlock, RelatedPagesBlock
from cms.folding import fold, searchable_text
from cms.geo import LocationPanel, parse_point, validate_location_in_vietnam
from cms.qr.models import QRCode, QRScanDay  # noqa: F401  (the QR package's models)
from cms.qr.panels import QRCodePanel

SUMMARY_MAX_LENGTH = 300
# The title has its own folded field; folded fields must not fold themselves.
FOLDED_FIELD_SKIP = frozenset({"title", "folded_title", "folded_text"})


class BasePage(Page):
    summary = models.TextField(
        _("summary"),
        max_length=SUMMARY_MAX_LENGTH,
        blank=True,
        help_text=_(
            "One or two sentences shown in search results, page cards and when shared on Zalo/Facebook (at most 300 characters)."
        ),
    )
    main_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page’s main image, also used when the link is shared."),
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_("Press + to add paragraphs, images, timeline events, videos, quotes…"),
    )
    gallery = StreamField(
        GalleryImagesBlock(),
        verbose_name=_("gallery"),
        blank=True,
        help_text=_("Images shown at the end of the page."),
    )
    related_pages = StreamField(
        RelatedPagesBlock(),
        verbose_name=_("related pages"),
        blank=True,
        help_text=_("Other pages a reader should see next."),
    )

    search_fields = [
        # Folded copies (no diacritics, đ→d) so "duong hoang hoa tham" finds "Đường Hoàng
        # Hoa Thám" on every engine; the search service folds queries the same way. The
        # folded title is the first autocomplete text, so "titles starting with what was
        # typed" (search.database) sees "duong…", not "Đường…", which SQLite keeps as đ.
        index.AutocompleteField("folded_title"),
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("folded_title", boost=5),
        index.SearchField("folded_text"),
    ]

    intro_panels = [
        FieldPanel("title", heading=_("Page name")),
        FieldPanel("summary"),
        FieldPanel("main_image"),
    ]
    media_panels = [FieldPanel("gallery"), FieldPanel("related_pages")]

    class Meta:
        abstract = True

    def folded_title(self):
        return fold(self.title)

    def folded_text(self):
        """Every other indexed field of this page kind, folded (subclasses' fields included).

        Kept on the instance until it is saved again: Wagtail's database indexers read every
        search field once for the title, once for the body and once for autocomplete, and
        this one walks all the others (related objects included)."""
        if self._folded_text is None:
            text = searchable_text(self, type(self).search_fields, skip=FOLDED_FIELD_SKIP)
            self._folded_text = fold(text)
        return self._folded_text

    _folded_text = None

    def save(self, *args, **kwargs):
        self._folded_text = None
        return super().save(*args, **kwargs)

    def card_fact(self):
        """The one fact a card shows under the title; each page kind chooses its own."""
        return ""

    @property
    def kind_label(self):
        return self._meta.verbose_name

    def get_meta_description(self):
        return self.search_description or self.summary

    def get_meta_image(self):
        return self.main_image


def page_tabs(content_panels, *tabs):
    """The editor's tabs: content first, then the page kind's own, then images and settings."""
    return TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            *tabs,
            ObjectList(BasePage.media_panels, heading=_("Images & related")),
            ObjectList(Page.promote_panels, heading=_("Link & sharing")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
            ObjectList([QRCodePanel()], heading=_("QR code")),
        ]
    )


def location_tab():
    return ObjectList(LocatedPage.location_panels, heading=_("Location"))


class LocatedPage(models.Model):
    """A page that is a place: an address and a point on the map."""

    address = models.CharField(_("address"), max_length=255, blank=True)
    ward = models.CharField(
        _("ward/commune"), max_length=100, blank=True, help_text=_("For example: Bến Thành Ward.")
    )
    district = models.CharField(
        _("district"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("For example: District 1."),
    )
    province = models.CharField(
        _("province/city"),
        max_length=100,
        blank=True,
        help_text=_("For example: Hồ Chí Minh City."),
    )
    location = models.CharField(
        _("location on the map"),
        max_length=100,
        blank=True,
        validators=[validate_location_in_vietnam],
        help_text=_(
            "Click the coordinates box to open the map, then drag the pin to the right place."
        ),
    )
    # Mirrors of `location` so maps and "near me" can filter in the database.
    latitude = models.FloatField(null=True, blank=True, editable=False, db_index=True)
    longitude = models.FloatField(null=True, blank=True, editable=False)

    location_panels = [
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("ward"),
                FieldPanel("district"),
                FieldPanel("province"),
            ],
            heading=_("Address"),
        ),
        LocationPanel("location", heading=_("Location on the map")),
    ]

    search_fields = [
        index.SearchField("address"),
        index.SearchField("ward"),
        index.SearchField("district"),
        index.FilterField("district"),
    ]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.sync_coordinates()
        super().save(*args, **kwargs)

    def sync_coordinates(self):
        point = parse_point(self.location)
        self.latitude = point.lat if point else None
        self.longitude = point.lng if point else None

    @property
    def point(self):
        return parse_point(self.location)

    @property
    def full_address(self):
        parts = [self.address, self.ward, self.district, self.province]
        return ", ".join(part for part in parts if part)


class SectionIndexPage(BasePage):
    """An index listing its children as cards, e.g. all schools of a province."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    content_panels = [*BasePage.intro_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage", "home.UnitPage"]

    class Meta:
        abstract = True

    def children(self):
        return self.get_children().live().public().specific().order_by("title")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.children()
        return context


from cms.counting import PageCountDay  # noqa: E402, F401  (views and e-book opens per day)
