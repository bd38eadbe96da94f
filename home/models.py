from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import RICH_TEXT_FEATURES, RelatedPagesBlock, TimelineBlock, VideosBlock
from cms.models import BasePage, LocatedPage, SectionIndexPage, location_tab, page_tabs
from cms.places import group_by_kind, listed_places
from cms.validators import (
    validate_non_negative,
    validate_past_date,
    validate_school_year,
    validate_vietnamese_phone,
    validate_year,
)
from library.models import LibraryPage

SECTION_TYPES = [
    "home.SchoolIndexPage",
    "heritage.StreetIndexPage",
    "heritage.HeritageIndexPage",
    "heritage.OfficeIndexPage",
    "library.LibraryPage",
    "home.MapPage",
]


class UnitHomePage(BasePage):
    """The home page of a youth union unit: its sections, libraries and latest pages."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A few words of welcome at the top of the home page."),
    )
    featured_pages = StreamField(
        RelatedPagesBlock(),
        verbose_name=_("featured pages"),
        blank=True,
        help_text=_("Choose a few pages to feature on the home page."),
    )

    content_panels = [*BasePage.intro_panels, FieldPanel("intro"), FieldPanel("body")]
    edit_handler = page_tabs(
        content_panels, ObjectList([FieldPanel("featured_pages")], heading=_("Featured pages"))
    )
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    class Meta:
        abstract = True

    def libraries(self):
        """Every library of the unit, including those that belong to a school."""
        return LibraryPage.objects.live().public().descendant_of(self).order_by("title")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().public().specific()
        context["libraries"] = self.libraries()
        context["featured"] = [
            block.value.specific
            for block in self.featured_pages
            if block.value and block.value.live
        ]
        context["latest"] = (
            Page.objects.live()
            .public()
            .descendant_of(self)
            .exclude(depth__lte=self.depth + 1)
            .order_by("-last_published_at")
            .specific()[:6]
        )
        return context


class HomePage(UnitHomePage):
    """The site root of a unit (e.g. a provincial youth union)."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [*SECTION_TYPES, "home.UnitPage"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home page")


class UnitPage(UnitHomePage):
    """The pages of a district or ward youth union, under the unit above it."""

    template = "home/home_page.html"
    parent_page_types = ["home.HomePage", "home.UnitPage"]
    subpage_types = [name for name in SECTION_TYPES if name != "home.MapPage"] + ["home.UnitPage"]

    class Meta:
        verbose_name = _("unit home page")
        verbose_name_plural = _("unit home page")


class SchoolIndexPage(SectionIndexPage):
    subpage_types = ["home.SchoolPage"]
    edit_handler = page_tabs(SectionIndexPage.content_panels)

    class Meta:
        verbose_name = _("school index")
        verbose_name_plural = _("school index")


class SchoolLevel(models.TextChoices):
    PRIMARY = "tieu_hoc", _("Primary school")
    LOWER_SECONDARY = "thcs", _("Lower secondary school")
    UPPER_SECONDARY = "thpt", _("Upper secondary school")
    VOCATIONAL = "gdnn_gdtx", _("Vocational and continuing education centre")
    COLLEGE = "cao_dang", _("College")
    UNIVERSITY = "dai_hoc", _("University")
    MULTI_LEVEL = "lien_cap", _("Multi-level school")


class SchoolPage(LocatedPage, BasePage):
    official_name = models.CharField(
        _("official name"),
        max_length=255,
        blank=True,
        help_text=_("The full name in the founding decision, if it differs from the page name."),
    )
    former_names = models.TextField(
        _("former names"), blank=True, help_text=_("One name per line, with the year if known.")
    )
    level = models.CharField(_("level"), max_length=20, choices=SchoolLevel.choices)
    founded_year = models.PositiveSmallIntegerField(
        _("founding year"), null=True, blank=True, validators=[validate_year]
    )
    founded_date = models.DateField(
        _("founding date"),
        null=True,
        blank=True,
        validators=[validate_past_date],
        help_text=_("If the exact date is known; otherwise the year is enough."),
    )
    name_meaning = RichTextField(
        _("meaning of the name"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Whom or what the school is named after, and why."),
    )
    history = StreamField(
        TimelineBlock(),
        verbose_name=_("history (timeline)"),
        blank=True,
        help_text=_("The school’s milestones, each with a year, title, text and image."),
    )
    traditions = RichTextField(_("traditions"), blank=True, features=RICH_TEXT_FEATURES)
    students = models.PositiveIntegerField(
        _("students"), null=True, blank=True, validators=[validate_non_negative]
    )
    classes = models.PositiveIntegerField(
        _("classes"), null=True, blank=True, validators=[validate_non_negative]
    )
    teachers = models.PositiveIntegerField(
        _("teachers"), null=True, blank=True, validators=[validate_non_negative]
    )
    staff = models.PositiveIntegerField(
        _("staff"), null=True, blank=True, validators=[validate_non_negative]
    )
    scale_school_year = models.CharField(
        _("figures as of school year"),
        max_length=9,
        blank=True,
        validators=[validate_school_year],
        help_text=_("For example: 2025-2026."),
    )
    videos = StreamField(VideosBlock(), verbose_name=_("videos"), blank=True)
    phone = models.CharField(
        _("phone"), max_length=32, blank=True, validators=[validate_vietnamese_phone]
    )
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    fanpage = models.URLField(_("Facebook page"), blank=True)
    zalo_oa = models.URLField(_("Zalo OA"), blank=True)

    parent_page_types = ["home.SchoolIndexPage"]
    subpage_types = ["library.LibraryPage"]

    content_panels = [
        *BasePage.intro_panels,
        FieldPanel("official_name"),
        FieldPanel("former_names"),
        FieldRowPanel(
            [FieldPanel("level"), FieldPanel("founded_year"), FieldPanel("founded_date")]
        ),
        FieldPanel("name_meaning"),
        FieldPanel("body"),
    ]
    history_panels = [
        FieldPanel("history"),
        FieldPanel("traditions"),
        InlinePanel("achievements", label=_("Achievements"), heading=_("Achievements")),
        FieldPanel("videos"),
    ]
    scale_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("students"), FieldPanel("classes")]),
                FieldRowPanel([FieldPanel("teachers"), FieldPanel("staff")]),
                FieldPanel("scale_school_year"),
            ],
            heading=_("Size"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("website"),
                FieldPanel("fanpage"),
                FieldPanel("zalo_oa"),
            ],
            heading=_("Contact"),
        ),
    ]
    edit_handler = page_tabs(
        content_panels,
        ObjectList(history_panels, heading=_("History & achievements")),
        ObjectList(scale_panels, heading=_("Size & contact")),
        location_tab(),
    )

    search_fields = [
        *BasePage.search_fields,
        *LocatedPage.search_fields,
        index.SearchField("official_name", boost=3),
        index.SearchField("former_names", boost=2),
        index.SearchField("name_meaning"),
        index.SearchField("history"),
        index.SearchField("traditions"),
        index.FilterField("level"),
    ]

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("school")

    @property
    def has_scale(self):
        return any(v is not None for v in (self.students, self.classes, self.teachers, self.staff))

    def libraries(self):
        return self.get_children().live().public().type(LibraryPage).specific().order_by("title")

    def card_fact(self):
        parts = [self.get_level_display()]
        if self.founded_year:
            parts.append(gettext("founded %(year)s") % {"year": self.founded_year})
        return " · ".join(part for part in parts if part)


class AchievementLevel(models.TextChoices):
    SCHOOL = "truong", _("School level")
    DISTRICT = "huyen", _("District level")
    PROVINCE = "tinh", _("Provincial level")
    NATIONAL = "quoc_gia", _("National level")
    INTERNATIONAL = "quoc_te", _("International level")


class SchoolAchievement(Orderable):
    page = ParentalKey(SchoolPage, on_delete=models.CASCADE, related_name="achievements")
    year = models.PositiveSmallIntegerField(_("year"), validators=[validate_year])
    title = models.CharField(_("achievement"), max_length=255)
    level = models.CharField(_("level of award"), max_length=10, choices=AchievementLevel.choices)

    panels = [FieldRowPanel([FieldPanel("year"), FieldPanel("level")]), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("achievement")
        verbose_name_plural = _("achievement")

    def __str__(self):
        return f"{self.year} – {self.title}"


class MapPage(BasePage):
    """One full-screen map of every located page (drawn by static/js/map.js from
    `/api/places/`), with the same places listed by kind for readers without JS."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    content_panels = [*BasePage.intro_panels, FieldPanel("intro")]
    edit_handler = page_tabs(content_panels)

    class Meta:
        verbose_name = _("map page")
        verbose_name_plural = _("map page")

    # The list under the map names this many places of each kind; `?kind=` lists one kind
    # whole, `places_per_page` at a time (thousands of books' libraries would make a page of
    # megabytes that a phone without good JavaScript must read through).
    places_per_kind = 50
    places_per_page = 100

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["places"] = places = listed_places(self.get_site())
        context["groups"] = groups = group_by_kind(places)
        # An unknown kind (an old link, a typo) shows every kind.
        kind = request.GET.get("kind")
        context["list_kind"] = kind if kind in {group["kind"] for group in groups} else None
        context["places_per_kind"] = self.places_per_kind
        context["places_per_page"] = self.places_per_page
        # Where the map opens when no place is located yet.
        context["map_centre"] = settings.MAP_DEFAULT_CENTRE
        return context


# Units ------------------------------------------------------------------------------------


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("province or city youth union")
    DISTRICT = "district", _("district youth union")
    WARD = "ward", _("ward or commune youth union")
    SCHOOL = "school", _("school youth union")
    LIBRARY = "library", _("library")


class Unit(models.Model):
    """A youth union unit (or a library) that owns a subtree of pages, its editors and media.

    Made by home.units.onboard_unit: its root page, an editors group that may edit (not
    publish) that subtree, a moderators group that may publish it, a collection for its images
    and documents, and the approval workflow its editors submit to.
    """

    name = models.CharField(_("name"), max_length=200)
    # The name folded (no diacritics, lower case, single spaces): "the same unit" when onboarding.
    key = models.CharField(max_length=200, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("unit above"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    page = models.OneToOneField(
        Page, verbose_name=_("root page"), on_delete=models.PROTECT, related_name="unit"
    )
    editors = models.OneToOneField(
        "auth.Group",
        verbose_name=_("editors group"),
        on_delete=models.PROTECT,
        related_name="edited_unit",
    )
    moderators = models.OneToOneField(
        "auth.Group",
        verbose_name=_("moderators group"),
        on_delete=models.PROTECT,
        related_name="moderated_unit",
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("collection"),
        on_delete=models.PROTECT,
        related_name="unit",
    )
    workflow = models.ForeignKey(
        "wagtailcore.Workflow",
        verbose_name=_("approval workflow"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["page__path"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "key"], name="one_unit_name_per_parent"),
            models.UniqueConstraint(
                fields=["key"],
                condition=models.Q(parent__isnull=True),
                name="one_top_unit_per_name",
            ),
        ]

    def __str__(self):
        return self.name

    def subtree(self):
        """This unit and every unit below it."""
        return Unit.objects.filter(page__path__startswith=self.page.path)

    @property
    def approver(self):
        """The unit whose moderators approve this unit's pages: the one above, or itself."""
        return self.parent or self


class EditorAccount(models.Model):
    """An account made by onboarding: its one-time password must be changed at first login
    (while the stored hash still equals the user's password, the admin asks for a new one)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="editor_account"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="editor_accounts")
    one_time_password_hash = models.CharField(max_length=128, blank=True)

    class Meta:
        verbose_name = _("editor account")
        verbose_name_plural = _("editor accounts")

    def __str__(self):
        return self.user.get_username()

    @property
    def must_change_password(self):
        return bool(self.one_time_password_hash) and (
            self.one_time_password_hash == self.user.password
        )
