from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import RICH_TEXT_FEATURES, RelatedPagesBlock, TimelineBlock, VideosBlock
from cms.models import BasePage, LocatedPage, SectionIndexPage, location_tab, page_tabs
from cms.validators import (
    validate_non_negative,
    validate_past_date,
    validate_school_year,
    validate_vietnamese_phone,
    validate_year,
)

SECTION_TYPES = [
    "home.SchoolIndexPage",
    "heritage.StreetIndexPage",
    "heritage.HeritageIndexPage",
    "heritage.OfficeIndexPage",
    "library.LibraryPage",
    "home.MapPage",
]


class HomePage(BasePage):
    """The site root of a unit (e.g. a provincial youth union)."""

    intro = RichTextField(
        _("lời giới thiệu"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Vài câu chào mừng ở đầu trang chủ."),
    )
    featured_pages = StreamField(
        RelatedPagesBlock(),
        verbose_name=_("trang nổi bật"),
        blank=True,
        help_text=_("Chọn vài trang muốn giới thiệu ngay trên trang chủ."),
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = SECTION_TYPES

    content_panels = [*BasePage.intro_panels, FieldPanel("intro"), FieldPanel("body")]
    edit_handler = page_tabs(
        content_panels, ObjectList([FieldPanel("featured_pages")], heading=_("Trang nổi bật"))
    )
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().public().specific()
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


class SchoolIndexPage(SectionIndexPage):
    subpage_types = ["home.SchoolPage"]
    edit_handler = page_tabs(SectionIndexPage.content_panels)

    class Meta:
        verbose_name = _("danh sách trường học")
        verbose_name_plural = _("danh sách trường học")


class SchoolLevel(models.TextChoices):
    PRIMARY = "tieu_hoc", _("Tiểu học")
    LOWER_SECONDARY = "thcs", _("Trung học cơ sở (THCS)")
    UPPER_SECONDARY = "thpt", _("Trung học phổ thông (THPT)")
    VOCATIONAL = "gdnn_gdtx", _("Trung tâm GDNN-GDTX")
    COLLEGE = "cao_dang", _("Cao đẳng")
    UNIVERSITY = "dai_hoc", _("Đại học")
    MULTI_LEVEL = "lien_cap", _("Liên cấp")


class SchoolPage(LocatedPage, BasePage):
    official_name = models.CharField(
        _("tên chính thức"),
        max_length=255,
        blank=True,
        help_text=_("Tên đầy đủ theo quyết định thành lập, nếu khác tên trang."),
    )
    former_names = models.TextField(
        _("tên cũ"), blank=True, help_text=_("Mỗi tên một dòng, kèm năm nếu biết.")
    )
    level = models.CharField(_("cấp học"), max_length=20, choices=SchoolLevel.choices)
    founded_year = models.PositiveSmallIntegerField(
        _("năm thành lập"), null=True, blank=True, validators=[validate_year]
    )
    founded_date = models.DateField(
        _("ngày thành lập"),
        null=True,
        blank=True,
        validators=[validate_past_date],
        help_text=_("Nếu biết chính xác ngày; nếu không, chỉ cần năm."),
    )
    name_meaning = RichTextField(
        _("ý nghĩa tên trường"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Trường mang tên ai hoặc điều gì, và vì sao."),
    )
    history = StreamField(
        TimelineBlock(),
        verbose_name=_("lịch sử (dòng thời gian)"),
        blank=True,
        help_text=_("Các mốc lịch sử của trường, mỗi mốc gồm năm, tiêu đề, nội dung, ảnh."),
    )
    traditions = RichTextField(_("truyền thống"), blank=True, features=RICH_TEXT_FEATURES)
    students = models.PositiveIntegerField(
        _("số học sinh"), null=True, blank=True, validators=[validate_non_negative]
    )
    classes = models.PositiveIntegerField(
        _("số lớp"), null=True, blank=True, validators=[validate_non_negative]
    )
    teachers = models.PositiveIntegerField(
        _("số giáo viên"), null=True, blank=True, validators=[validate_non_negative]
    )
    staff = models.PositiveIntegerField(
        _("số cán bộ, nhân viên"), null=True, blank=True, validators=[validate_non_negative]
    )
    scale_school_year = models.CharField(
        _("số liệu tính đến năm học"),
        max_length=9,
        blank=True,
        validators=[validate_school_year],
        help_text=_("Ví dụ: 2025-2026."),
    )
    videos = StreamField(VideosBlock(), verbose_name=_("video"), blank=True)
    phone = models.CharField(
        _("điện thoại"), max_length=32, blank=True, validators=[validate_vietnamese_phone]
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    website = models.URLField(_("trang web"), blank=True)
    fanpage = models.URLField(_("fanpage Facebook"), blank=True)
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
        InlinePanel("achievements", label=_("Thành tích"), heading=_("Thành tích")),
        FieldPanel("videos"),
    ]
    scale_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("students"), FieldPanel("classes")]),
                FieldRowPanel([FieldPanel("teachers"), FieldPanel("staff")]),
                FieldPanel("scale_school_year"),
            ],
            heading=_("Quy mô"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("website"),
                FieldPanel("fanpage"),
                FieldPanel("zalo_oa"),
            ],
            heading=_("Liên hệ"),
        ),
    ]
    edit_handler = page_tabs(
        content_panels,
        ObjectList(history_panels, heading=_("Lịch sử & thành tích")),
        ObjectList(scale_panels, heading=_("Quy mô & liên hệ")),
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
        verbose_name = _("trường học")
        verbose_name_plural = _("trường học")

    @property
    def has_scale(self):
        return any(v is not None for v in (self.students, self.classes, self.teachers, self.staff))

    def libraries(self):
        return self.get_children().live().public().type_of_specific("library.LibraryPage")


class AchievementLevel(models.TextChoices):
    SCHOOL = "truong", _("Cấp trường")
    DISTRICT = "huyen", _("Cấp huyện")
    PROVINCE = "tinh", _("Cấp tỉnh")
    NATIONAL = "quoc_gia", _("Cấp quốc gia")
    INTERNATIONAL = "quoc_te", _("Cấp quốc tế")


class SchoolAchievement(Orderable):
    page = ParentalKey(SchoolPage, on_delete=models.CASCADE, related_name="achievements")
    year = models.PositiveSmallIntegerField(_("năm"), validators=[validate_year])
    title = models.CharField(_("thành tích"), max_length=255)
    level = models.CharField(_("cấp"), max_length=10, choices=AchievementLevel.choices)

    panels = [FieldRowPanel([FieldPanel("year"), FieldPanel("level")]), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("thành tích")
        verbose_name_plural = _("thành tích")

    def __str__(self):
        return f"{self.year} – {self.title}"


class MapPage(BasePage):
    """One map of every located page, with a list of the same places for readers without JS."""

    intro = RichTextField(_("lời giới thiệu"), blank=True, features=["bold", "italic", "link"])

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    content_panels = [*BasePage.intro_panels, FieldPanel("intro")]
    edit_handler = page_tabs(content_panels)

    class Meta:
        verbose_name = _("bản đồ số")
        verbose_name_plural = _("bản đồ số")

    def located_pages(self):
        from cms.places import located_pages

        return located_pages(self.get_site())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["places"] = self.located_pages()
        return context
