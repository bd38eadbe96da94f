from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms.blocks import RICH_TEXT_FEATURES, PeopleBlock, PlaceCategory, TimelineBlock, VideosBlock
from cms.geo import (
    LocationPanel,
    parse_point,
    validate_linestring_geojson,
    validate_location_in_vietnam,
)
from cms.models import BasePage, LocatedPage, SectionIndexPage, location_tab, page_tabs
from cms.validators import (
    format_vietnamese_phone,
    validate_non_negative,
    validate_past_date,
    validate_vietnamese_phone,
)

PHONE_LABEL = _("điện thoại")


def phone_field(verbose_name=PHONE_LABEL, **kwargs):
    return models.CharField(
        verbose_name,
        max_length=32,
        blank=True,
        validators=[validate_vietnamese_phone],
        help_text=_("Số điện thoại Việt Nam, ví dụ 0912 345 678 hoặc 028 3829 1234."),
        **kwargs,
    )


# Streets ---------------------------------------------------------------------------------


class StreetIndexPage(SectionIndexPage):
    subpage_types = ["heritage.StreetPage"]
    edit_handler = page_tabs(SectionIndexPage.content_panels)

    class Meta:
        verbose_name = _("danh sách tuyến đường")
        verbose_name_plural = _("danh sách tuyến đường")


class StreetPage(LocatedPage, BasePage):
    namesake = models.CharField(
        _("tên được đặt theo"),
        max_length=255,
        blank=True,
        help_text=_("Nhân vật, địa danh hay sự kiện mà tên đường tưởng nhớ."),
    )
    namesake_bio = RichTextField(_("tiểu sử / giới thiệu"), blank=True, features=RICH_TEXT_FEATURES)
    former_names = models.TextField(
        _("tên cũ"), blank=True, help_text=_("Mỗi tên một dòng, kèm giai đoạn nếu biết.")
    )
    decision_number = models.CharField(_("số quyết định đặt tên"), max_length=100, blank=True)
    decision_date = models.DateField(
        _("ngày quyết định"), null=True, blank=True, validators=[validate_past_date]
    )
    decision_body = models.CharField(
        _("cơ quan ban hành"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: HĐND TP. Hồ Chí Minh."),
    )
    length_m = models.PositiveIntegerField(
        _("chiều dài (m)"), null=True, blank=True, validators=[validate_non_negative]
    )
    width_m = models.DecimalField(
        _("chiều rộng (m)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[validate_non_negative],
    )
    start_point = models.CharField(_("điểm đầu"), max_length=255, blank=True)
    start_location = models.CharField(
        _("toạ độ điểm đầu"),
        max_length=100,
        blank=True,
        validators=[validate_location_in_vietnam],
    )
    end_point = models.CharField(_("điểm cuối"), max_length=255, blank=True)
    end_location = models.CharField(
        _("toạ độ điểm cuối"),
        max_length=100,
        blank=True,
        validators=[validate_location_in_vietnam],
    )
    route_geojson = models.TextField(
        _("lộ trình (GeoJSON)"),
        blank=True,
        validators=[validate_linestring_geojson],
        help_text=_("Không bắt buộc: đường đi dạng GeoJSON LineString, nếu có."),
    )
    local_specialties = RichTextField(
        _("đặc sản, nét riêng"), blank=True, features=RICH_TEXT_FEATURES
    )
    suggested_tours = RichTextField(_("gợi ý tham quan"), blank=True, features=RICH_TEXT_FEATURES)

    parent_page_types = ["heritage.StreetIndexPage"]
    subpage_types = []

    content_panels = [
        *BasePage.intro_panels,
        MultiFieldPanel(
            [FieldPanel("namesake"), FieldPanel("namesake_bio")], heading=_("Tên đường mang tên")
        ),
        FieldPanel("former_names"),
        FieldPanel("body"),
    ]
    details_panels = [
        MultiFieldPanel(
            [
                FieldPanel("decision_number"),
                FieldRowPanel([FieldPanel("decision_date"), FieldPanel("decision_body")]),
            ],
            heading=_("Quyết định đặt tên"),
        ),
        FieldRowPanel([FieldPanel("length_m"), FieldPanel("width_m")], heading=_("Kích thước")),
        InlinePanel("places", label=_("Địa điểm"), heading=_("Địa điểm dọc tuyến đường")),
        FieldPanel("local_specialties"),
        FieldPanel("suggested_tours"),
    ]
    route_panels = [
        MultiFieldPanel(
            [FieldPanel("start_point"), LocationPanel("start_location")], heading=_("Điểm đầu")
        ),
        MultiFieldPanel(
            [FieldPanel("end_point"), LocationPanel("end_location")], heading=_("Điểm cuối")
        ),
        FieldPanel("route_geojson"),
    ]
    edit_handler = page_tabs(
        content_panels,
        ObjectList(details_panels, heading=_("Thông tin tuyến đường")),
        location_tab(),
        ObjectList(route_panels, heading=_("Lộ trình")),
    )

    search_fields = [
        *BasePage.search_fields,
        *LocatedPage.search_fields,
        index.SearchField("namesake", boost=3),
        index.SearchField("namesake_bio"),
        index.SearchField("former_names", boost=2),
        index.RelatedFields("places", [index.SearchField("name"), index.SearchField("address")]),
    ]

    class Meta:
        verbose_name = _("tuyến đường")
        verbose_name_plural = _("tuyến đường")

    @property
    def start(self):
        return parse_point(self.start_location)

    @property
    def end(self):
        return parse_point(self.end_location)


class StreetPlace(Orderable):
    page = ParentalKey(StreetPage, on_delete=models.CASCADE, related_name="places")
    name = models.CharField(_("tên địa điểm"), max_length=255)
    category = models.CharField(
        _("loại"), max_length=20, choices=PlaceCategory.CHOICES, default="khac"
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = phone_field()
    location = models.CharField(
        _("toạ độ"),
        max_length=100,
        blank=True,
        validators=[validate_location_in_vietnam],
        help_text=_("Vĩ độ, kinh độ, ví dụ 10.7769, 106.7009 (có thể bỏ trống)."),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("category")]),
        FieldRowPanel([FieldPanel("address"), FieldPanel("phone")]),
        FieldPanel("location"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("địa điểm dọc tuyến đường")
        verbose_name_plural = _("địa điểm dọc tuyến đường")

    def __str__(self):
        return self.name

    @property
    def point(self):
        return parse_point(self.location)


# Heritage sites --------------------------------------------------------------------------


class HeritageIndexPage(SectionIndexPage):
    subpage_types = ["heritage.HeritageSitePage"]
    edit_handler = page_tabs(SectionIndexPage.content_panels)

    class Meta:
        verbose_name = _("danh sách di tích")
        verbose_name_plural = _("danh sách di tích")


class HeritageKind(models.TextChoices):
    HISTORICAL = "lich_su", _("Di tích lịch sử")
    REVOLUTIONARY = "cach_mang", _("Di tích cách mạng / địa chỉ đỏ")
    ARCHITECTURAL = "kien_truc", _("Di tích kiến trúc nghệ thuật")
    ARCHAEOLOGICAL = "khao_co", _("Di tích khảo cổ")
    SCENIC = "danh_thang", _("Danh lam thắng cảnh")
    RELIGIOUS = "dinh_chua", _("Đình / chùa / đền")


class HeritageRanking(models.TextChoices):
    SPECIAL_NATIONAL = "quoc_gia_dac_biet", _("Di tích quốc gia đặc biệt")
    NATIONAL = "quoc_gia", _("Di tích quốc gia")
    PROVINCIAL = "cap_tinh", _("Di tích cấp tỉnh")
    UNRANKED = "chua_xep_hang", _("Chưa xếp hạng")


class HeritageSitePage(LocatedPage, BasePage):
    other_names = models.TextField(_("tên gọi khác"), blank=True)
    kind = models.CharField(_("loại hình"), max_length=20, choices=HeritageKind.choices)
    ranking = models.CharField(
        _("xếp hạng"),
        max_length=20,
        choices=HeritageRanking.choices,
        default=HeritageRanking.UNRANKED,
        db_index=True,
    )
    ranking_decision_number = models.CharField(
        _("số quyết định xếp hạng"), max_length=100, blank=True
    )
    ranking_decision_date = models.DateField(
        _("ngày quyết định xếp hạng"), null=True, blank=True, validators=[validate_past_date]
    )
    period = models.CharField(
        _("thời kỳ"), max_length=255, blank=True, help_text=_("Ví dụ: kháng chiến chống Pháp.")
    )
    history = StreamField(TimelineBlock(), verbose_name=_("lịch sử (dòng thời gian)"), blank=True)
    notable_people = StreamField(PeopleBlock(), verbose_name=_("nhân vật tiêu biểu"), blank=True)
    notable_events = RichTextField(_("sự kiện tiêu biểu"), blank=True, features=RICH_TEXT_FEATURES)
    visiting_hours = models.TextField(_("giờ tham quan"), blank=True)
    fee = models.CharField(
        _("giá vé"), max_length=255, blank=True, help_text=_("Ví dụ: Miễn phí; 40.000 đồng/người.")
    )
    phone = phone_field(_("điện thoại liên hệ"))
    email = models.EmailField(_("thư điện tử"), blank=True)
    videos = StreamField(VideosBlock(), verbose_name=_("video"), blank=True)
    panorama_url = models.URLField(
        _("ảnh 360°"), blank=True, help_text=_("Không bắt buộc: đường dẫn ảnh toàn cảnh 360°.")
    )

    parent_page_types = ["heritage.HeritageIndexPage"]
    subpage_types = []

    content_panels = [
        *BasePage.intro_panels,
        FieldPanel("other_names"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("period")]),
        MultiFieldPanel(
            [
                FieldPanel("ranking"),
                FieldRowPanel(
                    [FieldPanel("ranking_decision_number"), FieldPanel("ranking_decision_date")]
                ),
            ],
            heading=_("Xếp hạng di tích"),
        ),
        FieldPanel("body"),
    ]
    history_panels = [
        FieldPanel("history"),
        FieldPanel("notable_people"),
        FieldPanel("notable_events"),
        FieldPanel("videos"),
        FieldPanel("panorama_url"),
    ]
    visit_panels = [
        FieldPanel("visiting_hours"),
        FieldPanel("fee"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
    ]
    edit_handler = page_tabs(
        content_panels,
        ObjectList(history_panels, heading=_("Lịch sử")),
        ObjectList(visit_panels, heading=_("Tham quan")),
        location_tab(),
    )

    search_fields = [
        *BasePage.search_fields,
        *LocatedPage.search_fields,
        index.SearchField("other_names", boost=2),
        index.SearchField("period"),
        index.SearchField("history"),
        index.SearchField("notable_people"),
        index.SearchField("notable_events"),
        index.FilterField("kind"),
        index.FilterField("ranking"),
    ]

    class Meta:
        verbose_name = _("di tích")
        verbose_name_plural = _("di tích")


# Neighbourhood offices -------------------------------------------------------------------


class OfficeIndexPage(SectionIndexPage):
    subpage_types = ["heritage.NeighbourhoodOfficePage"]
    edit_handler = page_tabs(SectionIndexPage.content_panels)

    class Meta:
        verbose_name = _("danh sách văn phòng khu phố")
        verbose_name_plural = _("danh sách văn phòng khu phố")


class OfficerRole(models.TextChoices):
    HEAD = "truong_khu_pho", _("Trưởng khu phố / tổ trưởng tổ dân phố")
    DEPUTY = "pho_khu_pho", _("Phó trưởng khu phố")
    PARTY_SECRETARY = "bi_thu_chi_bo", _("Bí thư chi bộ")
    YOUTH_SECRETARY = "bi_thu_chi_doan", _("Bí thư chi đoàn")
    FRONT_HEAD = "truong_ban_mat_tran", _("Trưởng ban công tác Mặt trận")
    POLICE = "cong_an_khu_vuc", _("Công an khu vực")
    WOMEN = "chi_hoi_phu_nu", _("Chi hội trưởng phụ nữ")
    VETERANS = "chi_hoi_cuu_chien_binh", _("Chi hội trưởng cựu chiến binh")
    OTHER = "khac", _("Khác")


class NeighbourhoodOfficePage(LocatedPage, BasePage):
    former_units = models.TextField(
        _("đơn vị cũ sáp nhập"),
        blank=True,
        help_text=_("Các khu phố / tổ dân phố cũ đã sáp nhập vào đây, mỗi đơn vị một dòng."),
    )
    phone = phone_field(_("điện thoại văn phòng"))
    opening_hours = models.TextField(
        _("giờ làm việc"), blank=True, help_text=_("Ví dụ: Thứ 2 – Thứ 6: 7g30 – 11g30.")
    )

    parent_page_types = ["heritage.OfficeIndexPage"]
    subpage_types = []

    content_panels = [
        *BasePage.intro_panels,
        FieldPanel("former_units"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("opening_hours")]),
        InlinePanel("officers", label=_("Cán bộ"), heading=_("Cán bộ khu phố")),
        FieldPanel("body"),
    ]
    edit_handler = page_tabs(content_panels, location_tab())

    search_fields = [
        *BasePage.search_fields,
        *LocatedPage.search_fields,
        index.SearchField("former_units", boost=2),
        index.RelatedFields("officers", [index.SearchField("name")]),
    ]

    class Meta:
        verbose_name = _("văn phòng khu phố")
        verbose_name_plural = _("văn phòng khu phố")


class Officer(Orderable):
    page = ParentalKey(NeighbourhoodOfficePage, on_delete=models.CASCADE, related_name="officers")
    role = models.CharField(_("chức vụ"), max_length=30, choices=OfficerRole.choices)
    role_other = models.CharField(
        _("chức vụ khác"), max_length=100, blank=True, help_text=_("Ghi rõ nếu chọn “Khác”.")
    )
    name = models.CharField(_("họ và tên"), max_length=255)
    phone = phone_field()

    panels = [
        FieldRowPanel([FieldPanel("role"), FieldPanel("role_other")]),
        FieldRowPanel([FieldPanel("name"), FieldPanel("phone")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")

    def __str__(self):
        return f"{self.role_label}: {self.name}"

    @property
    def role_label(self):
        if self.role == OfficerRole.OTHER and self.role_other:
            return self.role_other
        return self.get_role_display()

    @property
    def display_phone(self):
        return format_vietnamese_phone(self.phone)
