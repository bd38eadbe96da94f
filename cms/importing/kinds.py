"""What each index page receives from a sheet: its child page kind and the columns it reads.

Column names are matched folded (no diacritics, any case, punctuation and bracketed units
ignored), so "Tên sách", "TEN SACH" and "Tên sách (*)" are one column. The first Vietnamese
name of a column is the header an export writes; the synonyms are the other ways
librarians and ward offices write it (Vietnamese text here is data, not interface text).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms.importing import cells
from cms.importing.linked_files import COVER_FROM_LINK, EBOOK_FROM_LINK, LinkedFile
from cms.models import LocatedPage
from cms.validators import normalize_isbn
from heritage.models import (
    HeritageIndexPage,
    HeritageKind,
    HeritageRanking,
    HeritageSitePage,
    NeighbourhoodOfficePage,
    OfficeIndexPage,
    StreetIndexPage,
    StreetPage,
)
from home.models import SchoolIndexPage, SchoolLevel, SchoolPage
from library.models import BookLanguage, BookPage, GradeBand, LibraryPage, Subject
from library.sort_keys import fill_catalogue_keys

# Pseudo-fields: read from the sheet, combined into `location`, never written as such.
LATITUDE = "latitude"
LONGITUDE = "longitude"
COORDINATE_FIELDS = (LATITUDE, LONGITUDE)

# A numbering column ("STT", "TT", "No.") carries nothing to import.
NUMBERING_HEADERS = frozenset({"stt", "tt", "so tt", "so thu tu", "thu tu", "no", "#", "ordinal"})


@dataclass(frozen=True)
class Column:
    """One column of a sheet: the model field it fills, its Vietnamese header and synonyms.

    `parse` turns the cell's text into the field's value (raising ValidationError);
    `make_parser`, when given, builds that function once per import (a lookup table read
    from the database); `format` writes a value back for an export.
    """

    field: str
    label_vi: str
    synonyms: tuple[str, ...] = ()
    required: bool = False
    parse: Callable[[str], Any] = cells.one_line
    format: Callable[[Any], str] | None = None
    make_parser: Callable[[], Callable[[str], Any]] | None = None
    make_formatter: Callable[[], Callable[[Any], str]] | None = None
    same: Callable[[Any, Any], bool] | None = None

    @property
    def names(self):
        return (self.label_vi, *self.synonyms)

    @property
    def attname(self):
        """The model attribute the value goes to (a foreign key's id)."""
        return f"{self.field}_id" if self.field == "subject" else self.field

    def parser(self):
        return self.make_parser() if self.make_parser else self.parse

    def formatter(self):
        if self.make_formatter:
            return self.make_formatter()
        if self.format:
            return self.format
        return lambda value: "" if value is None else str(value)

    def is_same(self, old, new):
        if self.same:
            return self.same(old, new)
        if isinstance(old, str) or isinstance(new, str):
            return (old or "") == (new or "")
        return old == new


@dataclass(frozen=True)
class ImportKind:
    """The pages a parent receives: their model, its label and the columns of its sheet.

    `match_keys` are the fields identifying an existing page, tried in order; `guesses`
    fill a choice the sheet left empty from another field (a school's level from its name).
    Pages are written in bulk, without their save(): `derived_fields` are the fields that
    save() computes, and `prepare` computes them the same way. `linked_files` are link
    columns whose files are downloaded into the page (cms.importing.linked_files).
    """

    model: type
    columns: list[Column]
    match_keys: list[tuple[str, ...]]
    guesses: dict[str, tuple[str, cells.ChoiceParser]] = field(default_factory=dict)
    derived_fields: tuple[str, ...] = ()
    prepare: Callable[[Any], None] | None = None
    linked_files: tuple[LinkedFile, ...] = ()

    @property
    def label(self):
        return self.model._meta.verbose_name

    def column(self, name):
        return next(column for column in self.columns if column.field == name)

    @property
    def exported_columns(self):
        return [column for column in self.columns if column.field not in COORDINATE_FIELDS]


# Shared column builders -------------------------------------------------------------------


def integer_column(name, label, *synonyms, **kwargs):
    return Column(name, label, synonyms, parse=cells.parse_integer, **kwargs)


def text_column(name, label, *synonyms, **kwargs):
    return Column(name, label, synonyms, **kwargs)


def url_column(name, label, *synonyms):
    return Column(name, label, synonyms, parse=cells.parse_url)


def place_columns():
    """Address and map position, as every located page kind has them."""
    return [
        text_column("address", "Địa chỉ", "Dia chi", "Số nhà, đường", "Address"),
        text_column("ward", "Phường/xã", "Phường", "Xã", "Phường xã", "Phường/Xã/Thị trấn", "Ward"),
        text_column("district", "Quận/huyện", "Quận", "Huyện", "Quận huyện", "District"),
        text_column(
            "province", "Tỉnh/thành phố", "Tỉnh", "Thành phố", "Tỉnh thành", "Tỉnh/TP", "Province"
        ),
        Column(
            "location",
            "Vị trí (vĩ độ, kinh độ)",
            ("Vị trí", "Tọa độ", "Toạ độ", "Vị trí trên bản đồ", "Location", "Coordinates"),
            parse=cells.parse_location,
            format=cells.format_location,
            same=cells.same_location,
        ),
        Column(LATITUDE, "Vĩ độ", ("Lat", "Latitude"), parse=cells.parse_coordinate),
        Column(
            LONGITUDE, "Kinh độ", ("Lng", "Lon", "Long", "Longitude"), parse=cells.parse_coordinate
        ),
    ]


def summary_column():
    return text_column("summary", "Tóm tắt", "Mô tả", "Giới thiệu", "Giới thiệu ngắn", "Summary")


def phone_column(label="Điện thoại"):
    return text_column(
        "phone", label, "Điện thoại", "Số điện thoại", "SĐT", "ĐT", "Phone", "Điện thoại liên hệ"
    )


def choice_column(name, label, synonyms, choices, names, message):
    return choice_parser_column(name, label, synonyms, cells.ChoiceParser(choices, names, message))


def choice_parser_column(name, label, synonyms, parser):
    return Column(name, label, synonyms, make_parser=parser.bind, format=parser.format)


# LocatedPage.save() mirrors the location into these two columns for maps and "near me".
LOCATED = {"derived_fields": ("latitude", "longitude"), "prepare": LocatedPage.sync_coordinates}

# Books ------------------------------------------------------------------------------------

GRADE_BAND_NAMES = {
    GradeBand.PRESCHOOL: ("Mầm non", "Mẫu giáo", "Nhà trẻ"),
    GradeBand.PRIMARY: ("Tiểu học", "Cấp 1", "Cấp I", "TH"),
    GradeBand.LOWER_SECONDARY: ("THCS", "Trung học cơ sở", "Cấp 2", "Cấp II"),
    GradeBand.UPPER_SECONDARY: ("THPT", "Trung học phổ thông", "Cấp 3", "Cấp III"),
    GradeBand.ALL_AGES: ("Mọi lứa tuổi", "Mọi người", "Tất cả", "Mọi cấp"),
}
LANGUAGE_NAMES = {
    BookLanguage.VIETNAMESE: ("Tiếng Việt", "Việt", "Việt Nam", "VN"),
    BookLanguage.ENGLISH: ("Tiếng Anh", "Anh", "English"),
    BookLanguage.FRENCH: ("Tiếng Pháp", "Pháp", "French", "Français"),
    BookLanguage.CHINESE: ("Tiếng Trung", "Tiếng Hoa", "Trung", "Hoa", "Chinese"),
    BookLanguage.RUSSIAN: ("Tiếng Nga", "Nga", "Russian"),
    BookLanguage.OTHER: ("Tiếng khác", "Khác", "Other"),
}


def subject_parser():
    """A book's subject, from the managed list, by name (folded) or code."""
    subjects = list(Subject.objects.all())
    table = {}
    for subject in subjects:
        table[cells.header_key(subject.name)] = subject
    for subject in subjects:
        table.setdefault(cells.header_key(subject.slug), subject)
    known = ", ".join(subject.name for subject in subjects)

    def parse(text):
        if not text:
            return None
        subject = table.get(cells.header_key(text))
        if subject is None:
            raise ValidationError(
                _(
                    "The subject “%(value)s” is not in the list of subjects. Use one of: %(known)s (or add it under Snippets first)."
                ),
                code="unknown_subject",
                params={"value": text, "known": known},
            )
        return subject

    return parse


def subject_formatter():
    names = dict(Subject.objects.values_list("pk", "name"))
    return lambda pk: names.get(pk, "")


BOOK_COLUMNS = [
    text_column(
        "title",
        "Tên sách",
        "Nhan đề",
        "Tên tài liệu",
        "Tựa sách",
        "Tựa đề",
        "Tên sách/tài liệu",
        "Title",
        required=True,
    ),
    text_column("subtitle", "Phụ đề", "Tên phụ", "Subtitle"),
    text_column("authors", "Tác giả", "Tác giả chính", "Tên tác giả", "Author", "Authors"),
    text_column("translator", "Người dịch", "Dịch giả", "Translator"),
    text_column("publisher", "Nhà xuất bản", "NXB", "Nơi xuất bản", "Publisher"),
    integer_column("year", "Năm xuất bản", "Năm XB", "Năm", "Năm XBản", "Year"),
    text_column("edition", "Lần xuất bản", "Tái bản", "Lần tái bản", "Edition"),
    Column("isbn", "ISBN", ("Mã ISBN", "Số ISBN"), parse=normalize_isbn),
    choice_column(
        "language",
        "Ngôn ngữ",
        ("Language", "Tiếng"),
        BookLanguage,
        LANGUAGE_NAMES,
        _("The language “%(value)s” is not known. Use one of: %(known)s."),
    ),
    integer_column("pages", "Số trang", "Trang", "Pages"),
    Column(
        "subject",
        "Chủ đề",
        ("Thể loại", "Lĩnh vực", "Chủ điểm", "Subject"),
        make_parser=subject_parser,
        make_formatter=subject_formatter,
    ),
    choice_column(
        "grade_band",
        "Cấp học",
        ("Lứa tuổi", "Đối tượng", "Đối tượng bạn đọc", "Độ tuổi", "Grade"),
        GradeBand,
        GRADE_BAND_NAMES,
        _("The grade or age band “%(value)s” is not known. Use one of: %(known)s."),
    ),
    text_column(
        "code",
        "Mã sách",
        "Số ĐKCB",
        "Số đăng ký cá biệt",
        "ĐKCB",
        "Mã",
        "Mã tài liệu",
        "Code",
    ),
    text_column(
        "call_number",
        "Ký hiệu xếp giá",
        "Ký hiệu",
        "Môn loại",
        "Ký hiệu phân loại",
        "KHXG",
        "Call number",
    ),
    text_column("shelf", "Kệ sách", "Kệ", "Giá sách", "Vị trí kệ", "Tủ", "Shelf"),
    integer_column("copies", "Số lượng", "SL", "Số bản", "Số cuốn", "Copies"),
    summary_column(),
    url_column(
        "reading_url",
        "Link đọc sách",
        "Link đọc",
        "Đọc online",
        "Đọc trực tuyến",
        "Link ebook",
        "Sách điện tử",
        "Ebook",
        "E-book",
    ),
    url_column("audio_url", "Link sách nói", "Sách nói", "Audio"),
    url_column("cover_url", "Link ảnh bìa", "Ảnh bìa", "Bìa sách", "Bìa", "Cover"),
]

BOOKS = ImportKind(
    model=BookPage,
    columns=BOOK_COLUMNS,
    match_keys=[("code",), ("isbn",), ("title", "authors")],
    derived_fields=("title_sort_key", "authors_sort_key", "folded_authors"),
    prepare=fill_catalogue_keys,
    linked_files=(EBOOK_FROM_LINK, COVER_FROM_LINK),
)

# Streets ----------------------------------------------------------------------------------

STREETS = ImportKind(
    model=StreetPage,
    columns=[
        text_column(
            "title",
            "Tên đường",
            "Tên tuyến đường",
            "Tuyến đường",
            "Đường",
            "Tên",
            "Street",
            required=True,
        ),
        text_column(
            "namesake", "Đặt theo tên", "Tên được đặt theo", "Nhân vật", "Danh nhân", "Namesake"
        ),
        Column(
            "former_names",
            "Tên cũ",
            ("Tên gọi cũ", "Tên trước đây", "Former names"),
            parse=cells.several_lines,
        ),
        text_column("decision_number", "Số quyết định", "Số QĐ", "Quyết định", "Decision"),
        Column(
            "decision_date",
            "Ngày quyết định",
            ("Ngày QĐ", "Ngày ban hành"),
            parse=cells.parse_date,
            format=cells.format_date,
        ),
        text_column("decision_body", "Cơ quan ban hành", "Cơ quan quyết định"),
        integer_column("length_m", "Chiều dài (m)", "Chiều dài", "Dài", "Length"),
        Column(
            "width_m",
            "Chiều rộng (m)",
            ("Chiều rộng", "Rộng", "Lộ giới", "Width"),
            parse=cells.parse_decimal,
            format=cells.format_decimal,
        ),
        text_column("start_point", "Điểm đầu", "Điểm bắt đầu", "Từ", "Start"),
        text_column("end_point", "Điểm cuối", "Điểm kết thúc", "Đến", "End"),
        *place_columns(),
        summary_column(),
    ],
    match_keys=[("title", "district"), ("title",)],
    **LOCATED,
)

# Heritage sites ---------------------------------------------------------------------------

HERITAGE_KIND_NAMES = {
    HeritageKind.HISTORICAL: ("Di tích lịch sử", "Lịch sử", "Di tích"),
    HeritageKind.REVOLUTIONARY: (
        "Di tích cách mạng",
        "Địa chỉ đỏ",
        "Cách mạng",
        "Khu tưởng niệm",
        "Địa đạo",
    ),
    HeritageKind.ARCHITECTURAL: (
        "Kiến trúc nghệ thuật",
        "Di tích kiến trúc nghệ thuật",
        "Kiến trúc",
        "Nhà thờ",
        "Nhà cổ",
        "Hội quán",
    ),
    HeritageKind.ARCHAEOLOGICAL: ("Khảo cổ", "Di tích khảo cổ", "Di chỉ"),
    HeritageKind.SCENIC: ("Danh lam thắng cảnh", "Danh thắng", "Thắng cảnh"),
    HeritageKind.RELIGIOUS: ("Đình, chùa, đền", "Đình", "Chùa", "Đền", "Miếu", "Đình chùa"),
}
HERITAGE_RANKING_NAMES = {
    HeritageRanking.SPECIAL_NATIONAL: ("Quốc gia đặc biệt", "Di tích quốc gia đặc biệt"),
    HeritageRanking.NATIONAL: ("Quốc gia", "Cấp quốc gia", "Di tích quốc gia"),
    HeritageRanking.PROVINCIAL: ("Cấp tỉnh", "Tỉnh", "Cấp thành phố", "Di tích cấp tỉnh"),
    HeritageRanking.UNRANKED: ("Chưa xếp hạng",),
    HeritageRanking.UNKNOWN: ("Chưa rõ", "Không rõ"),
}
HERITAGE_KIND_PARSER = cells.ChoiceParser(
    HeritageKind,
    HERITAGE_KIND_NAMES,
    _("The kind of site “%(value)s” is not known. Use one of: %(known)s."),
)

HERITAGE = ImportKind(
    model=HeritageSitePage,
    columns=[
        text_column("title", "Tên di tích", "Di tích", "Tên địa danh", "Tên", required=True),
        Column("other_names", "Tên gọi khác", ("Tên khác",), parse=cells.several_lines),
        choice_parser_column(
            "kind",
            "Loại hình",
            ("Loại di tích", "Loại hình di tích", "Loại", "Kind"),
            HERITAGE_KIND_PARSER,
        ),
        choice_column(
            "ranking",
            "Xếp hạng",
            ("Cấp xếp hạng", "Hạng di tích", "Cấp di tích", "Ranking"),
            HeritageRanking,
            HERITAGE_RANKING_NAMES,
            _("The ranking “%(value)s” is not known. Use one of: %(known)s."),
        ),
        text_column(
            "ranking_decision_number",
            "Số quyết định xếp hạng",
            "Số QĐ xếp hạng",
            "Quyết định xếp hạng",
            "Số quyết định",
        ),
        Column(
            "ranking_decision_date",
            "Ngày quyết định xếp hạng",
            ("Ngày QĐ xếp hạng", "Ngày xếp hạng", "Ngày quyết định"),
            parse=cells.parse_date,
            format=cells.format_date,
        ),
        text_column("period", "Niên đại", "Thời kỳ", "Thời gian", "Period"),
        *place_columns(),
        text_column("visiting_hours", "Giờ mở cửa", "Giờ tham quan", "Thời gian mở cửa"),
        text_column("fee", "Giá vé", "Phí tham quan", "Vé tham quan"),
        phone_column(),
        text_column("email", "Email", "E-mail", "Thư điện tử"),
        summary_column(),
    ],
    match_keys=[("title", "district"), ("title",)],
    guesses={"kind": ("title", HERITAGE_KIND_PARSER)},
    **LOCATED,
)

# Neighbourhood offices --------------------------------------------------------------------

OFFICES = ImportKind(
    model=NeighbourhoodOfficePage,
    columns=[
        text_column(
            "title",
            "Tên khu phố",
            "Khu phố",
            "Tên văn phòng",
            "Văn phòng",
            "Tổ dân phố",
            "Tên khu phố/tổ dân phố",
            "Tên",
            required=True,
        ),
        Column(
            "former_units",
            "Đơn vị cũ sáp nhập",
            ("Sáp nhập từ", "Khu phố cũ", "Tổ dân phố cũ", "Đơn vị cũ"),
            parse=cells.several_lines,
        ),
        *place_columns(),
        phone_column("Điện thoại văn phòng"),
        text_column("opening_hours", "Giờ làm việc", "Thời gian làm việc", "Giờ tiếp dân"),
        summary_column(),
    ],
    match_keys=[("title", "ward"), ("title",)],
    **LOCATED,
)

# Schools ----------------------------------------------------------------------------------

SCHOOL_LEVEL_NAMES = {
    SchoolLevel.PRIMARY: ("Tiểu học", "TH", "Cấp 1"),
    SchoolLevel.LOWER_SECONDARY: ("THCS", "Trung học cơ sở", "Cấp 2"),
    SchoolLevel.UPPER_SECONDARY: ("THPT", "Trung học phổ thông", "Cấp 3"),
    SchoolLevel.VOCATIONAL: (
        "TT GDNN-GDTX",
        "GDNN-GDTX",
        "GDNN GDTX",
        "GDTX",
        "Trung tâm GDNN-GDTX",
    ),
    SchoolLevel.COLLEGE: ("Cao đẳng",),
    SchoolLevel.UNIVERSITY: ("Đại học",),
    SchoolLevel.MULTI_LEVEL: ("Liên cấp", "Nhiều cấp"),
}
SCHOOL_LEVEL_PARSER = cells.ChoiceParser(
    SchoolLevel,
    SCHOOL_LEVEL_NAMES,
    _("The school level “%(value)s” is not known. Use one of: %(known)s."),
)

SCHOOLS = ImportKind(
    model=SchoolPage,
    columns=[
        text_column("title", "Tên trường", "Trường", "Tên đơn vị", "Tên", "School", required=True),
        text_column("official_name", "Tên chính thức", "Tên đầy đủ", "Tên theo quyết định"),
        Column(
            "former_names", "Tên cũ", ("Tên trước đây", "Tên gọi cũ"), parse=cells.several_lines
        ),
        choice_parser_column(
            "level",
            "Cấp học",
            ("Bậc học", "Cấp trường", "Loại trường", "Level"),
            SCHOOL_LEVEL_PARSER,
        ),
        integer_column("founded_year", "Năm thành lập", "Thành lập", "Năm TL", "Founded"),
        integer_column("students", "Số học sinh", "Học sinh", "Số HS", "Sĩ số"),
        integer_column("classes", "Số lớp", "Lớp"),
        integer_column("teachers", "Số giáo viên", "Giáo viên", "Số GV"),
        integer_column("staff", "Số nhân viên", "Nhân viên", "Cán bộ nhân viên", "Số NV"),
        text_column("scale_school_year", "Năm học", "Số liệu năm học"),
        *place_columns(),
        phone_column(),
        text_column("email", "Email", "E-mail", "Thư điện tử"),
        url_column("website", "Website", "Trang web"),
        url_column("fanpage", "Fanpage", "Facebook", "Trang Facebook"),
        url_column("zalo_oa", "Zalo OA", "Zalo"),
        summary_column(),
    ],
    match_keys=[("title", "district"), ("title",)],
    guesses={"level": ("title", SCHOOL_LEVEL_PARSER)},
    **LOCATED,
)

KINDS_BY_PARENT = {
    LibraryPage: BOOKS,
    StreetIndexPage: STREETS,
    HeritageIndexPage: HERITAGE,
    OfficeIndexPage: OFFICES,
    SchoolIndexPage: SCHOOLS,
}


def import_kind_for(parent_page):
    """The kind of rows `parent_page` receives, or None when it cannot receive imported rows."""
    if parent_page is None:
        return None
    # The class from the page's content type: no query, even for a plain Page in a listing.
    return KINDS_BY_PARENT.get(parent_page.specific_class)


def known_header_keys():
    """Every column name of every kind, folded: how a header row is recognised."""
    keys = set(NUMBERING_HEADERS)
    for kind in KINDS_BY_PARENT.values():
        for column in kind.columns:
            keys.update(cells.header_key(name) for name in column.names)
    return keys
