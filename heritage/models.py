from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms.blocks import RICH_TEXT_FEATURES, PeopleBlock, PlaceCategory, TimelineBlock, VideosBlock
from cms.formatting import vn_number
from cms.geo import (
    LocationPanel,
    RouteEditorWidget,
    linestring_geojson,
    parse_point,
    route_points,
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

PHONE_LABEL = _("phone")


def phone_field(verbose_name=PHONE_LABEL, **kwargs):
    return models.CharField(
        verbose_name,
        max_length=32,
        blank=True,
        validators=[validate_vietnamese_phone],
        help_text=_("A Vietnamese phone number, for example 0912 345 678 or 028 3829 1234."),
        **kwargs,
    )


# Streets ---------------------------------------------------------------------------------


class StreetIndexPage(SectionIndexPage):
    subpage_types = ["heritage.StreetPage"]
    edit_handler = page_tabs(SectionIndexPage.content_panels)

    class Meta:
        verbose_name = _("street index")
        verbose_name_plural = _("street index")


class StreetPage(LocatedPage, BasePage):
    namesake = models.CharField(
        _("namesake"),
        max_length=255,
        blank=True,
        help_text=_("The person, place or event the street’s name honours."),
    )
    namesake_bio = RichTextField(
        _("biography / description"), blank=True, features=RICH_TEXT_FEATURES
    )
    former_names = models.TextField(
        _("former names"), blank=True, help_text=_("One name per line, with the period if known.")
    )
    decision_number = models.CharField(_("naming decision number"), max_length=100, blank=True)
    decision_date = models.DateField(
        _("decision date"), null=True, blank=True, validators=[validate_past_date]
    )
    decision_body = models.CharField(
        _("issuing body"),
        max_length=255,
        blank=True,
        help_text=_("For example: People’s Council of Hồ Chí Minh City."),
    )
    length_m = models.PositiveIntegerField(
        _("length (m)"), null=True, blank=True, validators=[validate_non_negative]
    )
    width_m = models.DecimalField(
        _("width (m)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[validate_non_negative],
    )
    start_point = models.CharField(_("start point"), max_length=255, blank=True)
    start_location = models.CharField(
        _("start coordinates"),
        max_length=100,
        blank=True,
        validators=[validate_location_in_vietnam],
    )
    end_point = models.CharField(_("end point"), max_length=255, blank=True)
    end_location = models.CharField(
        _("end coordinates"),
        max_length=100,
        blank=True,
        validators=[validate_location_in_vietnam],
    )
    route_geojson = models.TextField(
        _("route (GeoJSON)"),
        blank=True,
        validators=[validate_linestring_geojson],
        help_text=_("Optional: the route as a GeoJSON LineString, if you have one."),
    )
    local_specialties = RichTextField(
        _("local specialties"), blank=True, features=RICH_TEXT_FEATURES
    )
    suggested_tours = RichTextField(_("suggested tours"), blank=True, features=RICH_TEXT_FEATURES)

    parent_page_types = ["heritage.StreetIndexPage"]
    subpage_types = []

    content_panels = [
        *BasePage.intro_panels,
        MultiFieldPanel(
            [FieldPanel("namesake"), FieldPanel("namesake_bio")], heading=_("Named after")
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
            heading=_("Naming decision"),
        ),
        FieldRowPanel([FieldPanel("length_m"), FieldPanel("width_m")], heading=_("Dimensions")),
        InlinePanel("places", label=_("Place"), heading=_("Places along the street")),
        FieldPanel("local_specialties"),
        FieldPanel("suggested_tours"),
    ]
    route_panels = [
        MultiFieldPanel(
            [FieldPanel("start_point"), LocationPanel("start_location")], heading=_("Start")
        ),
        MultiFieldPanel([FieldPanel("end_point"), LocationPanel("end_location")], heading=_("End")),
        FieldPanel(
            "route_geojson",
            widget=RouteEditorWidget(),
            help_text=_(
                "Optional: click on the map to add the points of the street in order, and drag a point to move it. The line is saved as GeoJSON in the box below, where you can also paste a LineString."
            ),
        ),
    ]
    edit_handler = page_tabs(
        content_panels,
        ObjectList(details_panels, heading=_("Street details")),
        location_tab(),
        ObjectList(route_panels, heading=_("Route")),
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
        verbose_name = _("street")
        verbose_name_plural = _("street")

    def card_fact(self):
        parts = []
        if self.length_m:
            parts.append(gettext("%(length)s m long") % {"length": vn_number(self.length_m)})
        if self.district:
            parts.append(self.district)
        return " · ".join(parts)

    @property
    def start(self):
        return parse_point(self.start_location)

    @property
    def end(self):
        return parse_point(self.end_location)

    def route_line(self):
        """The street's points in order: its drawn route, else start → end; [] if neither."""
        points = route_points(self.route_geojson)
        if points:
            return points
        start, end = self.start, self.end
        return [start, end] if start and end and start != end else []

    def map_data(self):
        """The street's line and its located places as plain data for the page's map
        (static/js/place-map.js reads it from `json_script`)."""
        line = self.route_line()
        places = []
        for place in self.places.all():
            point = place.point
            if point:
                places.append(
                    {
                        "name": place.name,
                        "category": str(place.get_category_display()),
                        "address": place.address,
                        "lat": round(point.lat, 6),
                        "lng": round(point.lng, 6),
                    }
                )
        return {"line": linestring_geojson(line) if line else None, "places": places}


class StreetPlace(Orderable):
    page = ParentalKey(StreetPage, on_delete=models.CASCADE, related_name="places")
    name = models.CharField(_("place name"), max_length=255)
    category = models.CharField(
        _("category"), max_length=20, choices=PlaceCategory.CHOICES, default="khac"
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = phone_field()
    location = models.CharField(
        _("coordinates"),
        max_length=100,
        blank=True,
        validators=[validate_location_in_vietnam],
        help_text=_("Latitude, longitude, for example 10.7769, 106.7009 (may be left empty)."),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("category")]),
        FieldRowPanel([FieldPanel("address"), FieldPanel("phone")]),
        FieldPanel("location"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("place along the street")
        verbose_name_plural = _("place along the street")

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
        verbose_name = _("heritage index")
        verbose_name_plural = _("heritage index")


class HeritageKind(models.TextChoices):
    HISTORICAL = "lich_su", _("Historical relic")
    REVOLUTIONARY = "cach_mang", _("Revolutionary relic / red address")
    ARCHITECTURAL = "kien_truc", _("Architectural and artistic relic")
    ARCHAEOLOGICAL = "khao_co", _("Archaeological relic")
    SCENIC = "danh_thang", _("Scenic landscape")
    RELIGIOUS = "dinh_chua", _("Communal house / pagoda / temple")


class HeritageRanking(models.TextChoices):
    SPECIAL_NATIONAL = "quoc_gia_dac_biet", _("Special national relic")
    NATIONAL = "quoc_gia", _("National relic")
    PROVINCIAL = "cap_tinh", _("Provincial relic")
    UNRANKED = "chua_xep_hang", _("Not ranked")
    # An editor who does not know the ranking yet must not be pushed into a wrong one.
    UNKNOWN = "chua_ro", _("Ranking not yet checked")


class HeritageSitePage(LocatedPage, BasePage):
    other_names = models.TextField(_("other names"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=HeritageKind.choices)
    ranking = models.CharField(
        _("ranking"),
        max_length=20,
        choices=HeritageRanking.choices,
        default=HeritageRanking.UNKNOWN,
        db_index=True,
    )
    ranking_decision_number = models.CharField(
        _("ranking decision number"), max_length=100, blank=True
    )
    ranking_decision_date = models.DateField(
        _("ranking decision date"), null=True, blank=True, validators=[validate_past_date]
    )
    period = models.CharField(
        _("period"),
        max_length=255,
        blank=True,
        help_text=_("For example: the resistance war against the French."),
    )
    history = StreamField(TimelineBlock(), verbose_name=_("history (timeline)"), blank=True)
    notable_people = StreamField(PeopleBlock(), verbose_name=_("notable people"), blank=True)
    notable_events = RichTextField(_("notable events"), blank=True, features=RICH_TEXT_FEATURES)
    visiting_hours = models.TextField(_("visiting hours"), blank=True)
    fee = models.CharField(
        _("admission fee"),
        max_length=255,
        blank=True,
        help_text=_("For example: Free; 40,000 dong per person."),
    )
    phone = phone_field(_("contact phone"))
    email = models.EmailField(_("e-mail"), blank=True)
    videos = StreamField(VideosBlock(), verbose_name=_("videos"), blank=True)
    panorama_url = models.URLField(
        _("360° panorama"), blank=True, help_text=_("Optional: a link to a 360° panorama.")
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
            heading=_("Heritage ranking"),
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
        ObjectList(history_panels, heading=_("History")),
        ObjectList(visit_panels, heading=_("Visiting")),
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
        verbose_name = _("heritage site")
        verbose_name_plural = _("heritage site")

    def card_fact(self):
        return " · ".join(p for p in (self.get_kind_display(), self.get_ranking_display()) if p)


# Neighbourhood offices -------------------------------------------------------------------


class OfficeIndexPage(SectionIndexPage):
    subpage_types = ["heritage.NeighbourhoodOfficePage"]
    edit_handler = page_tabs(SectionIndexPage.content_panels)

    class Meta:
        verbose_name = _("neighbourhood office index")
        verbose_name_plural = _("neighbourhood office index")


class OfficerRole(models.TextChoices):
    HEAD = "truong_khu_pho", _("Head of neighbourhood / residential group")
    DEPUTY = "pho_khu_pho", _("Deputy head of neighbourhood")
    PARTY_SECRETARY = "bi_thu_chi_bo", _("Party cell secretary")
    YOUTH_SECRETARY = "bi_thu_chi_doan", _("Youth union branch secretary")
    FRONT_HEAD = "truong_ban_mat_tran", _("Head of the Fatherland Front committee")
    POLICE = "cong_an_khu_vuc", _("Area police officer")
    WOMEN = "chi_hoi_phu_nu", _("Head of the women’s association branch")
    VETERANS = "chi_hoi_cuu_chien_binh", _("Head of the veterans’ association branch")
    OTHER = "khac", _("Other")


class NeighbourhoodOfficePage(LocatedPage, BasePage):
    former_units = models.TextField(
        _("former units merged"),
        blank=True,
        help_text=_(
            "The former neighbourhoods / residential groups merged into this one, one per line."
        ),
    )
    phone = phone_field(_("office phone"))
    opening_hours = models.TextField(
        _("working hours"), blank=True, help_text=_("For example: Monday – Friday: 7:30 – 11:30.")
    )

    parent_page_types = ["heritage.OfficeIndexPage"]
    subpage_types = []

    content_panels = [
        *BasePage.intro_panels,
        FieldPanel("former_units"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("opening_hours")]),
        InlinePanel("officers", label=_("Officer"), heading=_("Neighbourhood officers")),
        FieldPanel("body"),
    ]
    edit_handler = page_tabs(content_panels, location_tab())

    search_fields = [
        *BasePage.search_fields,
        *LocatedPage.search_fields,
        index.SearchField("former_units", boost=2),
        index.RelatedFields(
            "officers", [index.SearchField("name"), index.SearchField("role_label")]
        ),
    ]

    class Meta:
        verbose_name = _("neighbourhood office")
        verbose_name_plural = _("neighbourhood office")

    def card_fact(self):
        return self.ward or self.district


class Officer(Orderable):
    page = ParentalKey(NeighbourhoodOfficePage, on_delete=models.CASCADE, related_name="officers")
    role = models.CharField(_("role"), max_length=30, choices=OfficerRole.choices)
    role_other = models.CharField(
        _("other role"), max_length=100, blank=True, help_text=_("Specify if you chose “Other”.")
    )
    name = models.CharField(_("full name"), max_length=255)
    phone = phone_field()

    panels = [
        FieldRowPanel([FieldPanel("role"), FieldPanel("role_other")]),
        FieldRowPanel([FieldPanel("name"), FieldPanel("phone")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("officer")
        verbose_name_plural = _("officer")

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
