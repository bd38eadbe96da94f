"""Bulk content for the search benchmark: 100,000 books in 200 school libraries, and the rest.

    python bench/search_data.py                       # into the configured database
    python bench/search_data.py --books 5000 --update-index

Builds, under the default site's home page:

    HomePage
    ├── SchoolIndexPage ── 200 SchoolPages ── one LibraryPage each ── 500 BookPages each
    ├── StreetIndexPage ── 2,000 StreetPages (two places along each)
    ├── HeritageIndexPage ── 1,000 HeritageSitePages
    └── OfficeIndexPage ── 1,000 NeighbourhoodOfficePages (three officers each)

with Vietnamese text made from real-looking words with diacritics (titles, people's names as
authors, namesakes and officers, "Quận 1"… "Thành phố Thủ Đức"), the seeded book subjects,
every grade band, and a fixed random seed so two runs build the same site.

How it is fast (about 100× faster than ``add_child`` per page, which saves each page and
re-reads its parent):

- **Paths computed here, not by treebeard** (``cms.importing.tree.path_step``, which the
  spreadsheet importer uses too). Wagtail's ``Page`` is a treebeard ``MP_Node``
  with ``steplen=4`` and the alphabet ``0-9A-Z``: the n-th child (1-based) of a page has
  ``path = parent.path + base36(n).rjust(4, "0")``, ``depth = parent.depth + 1``; each
  parent's ``numchild`` is its number of children, and ``url_path`` is the parent's plus
  ``slug + "/"``. New sections start after the home page's last existing child.
- **Ids allocated here.** Page ids are taken from ``max(id) + 1`` so the child table's
  ``page_ptr_id`` is known before anything is written (no RETURNING needed); on PostgreSQL
  the ``wagtailcore_page`` id sequence is reset afterwards with
  ``connection.ops.sequence_reset_sql`` (SQLite's AUTOINCREMENT follows explicit ids itself).
- **Two inserts per page kind, multi-row.** Django refuses ``bulk_create`` on a
  multi-table-inherited model ("Can't bulk create a multi-table inherited model"), and a
  ``BookPage`` is a ``wagtailcore_page`` row plus a ``library_bookpage`` row sharing its id.
  So the rows of each table are written by ``insert_rows()``: a plain multi-row
  ``INSERT INTO table (local columns) VALUES (…), (…)`` through Django's cursor, first
  ``Page._meta.local_concrete_fields`` then the concrete class's own
  ``_meta.local_concrete_fields`` (``page_ptr_id`` and its fields). Values go through each
  field's ``get_db_prep_save`` (UUIDs, datetimes, StreamField JSON), constant defaults only
  once per table; rows per statement come from ``connection.ops.bulk_batch_size`` so SQLite's
  variable limit holds. The same code runs on SQLite and PostgreSQL. Inline children
  (``StreetPlace``, ``Officer``) are ordinary models and use ``bulk_create``.
- **One transaction**, batches of ``--batch-size`` pages (5,000) so memory stays flat.

What it does not do, on purpose: no revisions (pages are live with ``live_revision`` empty, as
imported pages are), no QR codes (they are issued on the ``page_published`` signal, which bulk
inserts do not send), and no search index: run ``manage.py update_index`` afterwards (the CLI's
``--update-index`` does, and times it), so the index reflects whatever ``search_fields`` the
models declare at that moment. ``check_tree()`` verifies the tree with set-based queries
(the same five problem lists as treebeard's ``find_problems()``, which issues two queries per
page and takes minutes at this size; ``--find-problems`` runs it too).
"""

import argparse
import datetime
import os
import random
import sys
import time
import unicodedata
import uuid
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4

DISTRICTS = [
    *(f"Quận {n}" for n in (1, 3, 4, 5, 6, 7, 8, 10, 11, 12)),
    "Quận Bình Thạnh",
    "Quận Gò Vấp",
    "Quận Phú Nhuận",
    "Quận Tân Bình",
    "Quận Tân Phú",
    "Quận Bình Tân",
    "Thành phố Thủ Đức",
    "Huyện Củ Chi",
    "Huyện Hóc Môn",
    "Huyện Bình Chánh",
    "Huyện Nhà Bè",
    "Huyện Cần Giờ",
]
WARDS = [
    "Bến Nghé",
    "Bến Thành",
    "Đa Kao",
    "Tân Định",
    "Cầu Ông Lãnh",
    "Võ Thị Sáu",
    "Thảo Điền",
    "An Khánh",
    "Linh Trung",
    "Hiệp Bình Chánh",
    "Tân Phong",
    "Phước Long",
    "Bình Trưng Đông",
    "Trường Thọ",
    "Đông Hưng Thuận",
    "Tân Hưng",
    "Phú Thọ Hòa",
    "Hòa Thạnh",
    "Long Bình",
    "Thạnh Mỹ Lợi",
]
SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE_NAMES = ["Văn", "Thị", "Minh", "Ngọc", "Đức", "Thanh", "Hữu", "Quang", "Thu", "Xuân"]
GIVEN_NAMES = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hà",
    "Hải",
    "Hạnh",
    "Hoa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phong",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Trung",
    "Tuấn",
    "Vy",
    "Yến",
    "Đông",
]
# Namesakes of streets and schools, as on the signs.
NOTABLE_PEOPLE = [
    "Hoàng Hoa Thám",
    "Lê Lợi",
    "Nguyễn Huệ",
    "Trần Hưng Đạo",
    "Hai Bà Trưng",
    "Lý Thường Kiệt",
    "Lê Thánh Tôn",
    "Nguyễn Trãi",
    "Nguyễn Du",
    "Võ Văn Tần",
    "Nguyễn Thị Minh Khai",
    "Điện Biên Phủ",
    "Nam Kỳ Khởi Nghĩa",
    "Cách Mạng Tháng Tám",
    "Đinh Tiên Hoàng",
    "Phan Đình Phùng",
    "Phan Bội Châu",
    "Phan Chu Trinh",
    "Huỳnh Thúc Kháng",
    "Trương Định",
    "Nguyễn Đình Chiểu",
    "Võ Thị Sáu",
    "Lý Tự Trọng",
    "Nguyễn Văn Trỗi",
    "Trần Quốc Toản",
    "Lê Quý Đôn",
    "Chu Văn An",
    "Nguyễn Bỉnh Khiêm",
    "Trần Phú",
    "Lê Hồng Phong",
    "Hàm Nghi",
    "Đồng Khởi",
    "Tôn Đức Thắng",
    "Pasteur",
    "Alexandre de Rhodes",
    "Bà Huyện Thanh Quan",
    "Đoàn Thị Điểm",
    "Hồ Xuân Hương",
    "Trương Vĩnh Ký",
    "Nguyễn An Ninh",
    "Đặng Dung",
    "Bùi Thị Xuân",
    "Yersin",
    "Ký Con",
    "Mạc Đĩnh Chi",
    "Ngô Quyền",
    "Đinh Bộ Lĩnh",
    "Quang Trung",
    "Nguyễn Thái Học",
    "Trần Khánh Dư",
]
STREET_KINDS = ["Đường", "Đường", "Đường", "Phố", "Đại lộ", "Hẻm"]
PLACE_KINDS = [
    ("cho", "Chợ"),
    ("nha_hang", "Quán cơm"),
    ("cua_hang", "Nhà sách"),
    ("y_te", "Trạm y tế"),
    ("khach_san", "Khách sạn"),
    ("co_quan", "Bưu điện"),
]
HERITAGE_PREFIXES = [
    ("dinh_chua", "Đình"),
    ("dinh_chua", "Chùa"),
    ("dinh_chua", "Miếu"),
    ("kien_truc", "Nhà thờ"),
    ("kien_truc", "Nhà cổ"),
    ("kien_truc", "Hội quán"),
    ("cach_mang", "Khu tưởng niệm"),
    ("cach_mang", "Địa đạo"),
    ("lich_su", "Di tích"),
    ("khao_co", "Di chỉ"),
    ("danh_thang", "Rừng"),
]
HERITAGE_NAMES = [
    "Bình Đông",
    "Giác Lâm",
    "Bà Thiên Hậu",
    "Minh Hương",
    "Phú Nhuận",
    "Ngọc Hoàng",
    "Vĩnh Nghiêm",
    "Xá Lợi",
    "Tân Định",
    "Đức Bà",
    "Gia Long",
    "Nghĩa An",
    "Ôn Lăng",
    "Trường Thọ",
    "Long Phước",
    "Bến Dược",
    "Rừng Sác",
    "Thanh Đa",
    "Cây Mai",
    "An Phú",
    "Hòa Khánh",
    "Linh Sơn",
    "Phước Hải",
    "Tam Sơn",
    "Mỹ Hội",
]
PERIODS = [
    "thời Nguyễn",
    "kháng chiến chống Pháp",
    "kháng chiến chống Mỹ",
    "thế kỷ XVIII",
    "thời Pháp thuộc",
    "thời kỳ khẩn hoang Nam Bộ",
]
TITLE_HEADS = [
    "Lịch sử",
    "Câu chuyện",
    "Những bài học về",
    "Bí mật của",
    "Hành trình",
    "Khám phá",
    "Tuổi thơ",
    "Ký ức",
    "Đường về",
    "Mùa hè",
    "Truyện kể về",
    "Cẩm nang",
    "Sổ tay",
    "Thế giới",
    "Tiếng gọi",
    "Bài ca",
    "Những người con của",
    "Đất và người",
    "Chuyện ở",
    "Hỏi đáp về",
]
TITLE_TAILS = [
    "đất phương Nam",
    "Sài Gòn xưa",
    "rừng U Minh",
    "biển đảo quê hương",
    "dòng sông Đồng Nai",
    "thiên nhiên",
    "vũ trụ",
    "khoa học vui",
    "toán học",
    "tiếng Việt",
    "người thầy",
    "mẹ hiền",
    "đồng đội",
    "làng quê",
    "phố cổ Hội An",
    "Hà Nội ba mươi sáu phố phường",
    "Huế mộng mơ",
    "Điện Biên",
    "Trường Sơn",
    "cây lúa nước",
    "con đò",
    "học trò",
    "tuổi hoa",
    "đồng bằng sông Cửu Long",
    "Tây Nguyên đại ngàn",
    "vịnh Hạ Long",
    "kỹ năng sống",
    "lập trình máy tính",
    "môi trường xanh",
    "những loài chim",
]
TITLE_ENDINGS = ["", "", "", " – tập 1", " – tập 2", " cho thiếu nhi", " (tái bản)", " toàn tập"]
CLASSICS = [
    ("Dế Mèn phiêu lưu ký", "Tô Hoài"),
    ("Tắt đèn", "Ngô Tất Tố"),
    ("Số đỏ", "Vũ Trọng Phụng"),
    ("Truyện Kiều", "Nguyễn Du"),
    ("Đất rừng phương Nam", "Đoàn Giỏi"),
    ("Tuổi thơ dữ dội", "Phùng Quán"),
    ("Cho tôi xin một vé đi tuổi thơ", "Nguyễn Nhật Ánh"),
    ("Mắt biếc", "Nguyễn Nhật Ánh"),
    ("Việt Nam sử lược", "Trần Trọng Kim"),
    ("Những ngôi sao xa xôi", "Lê Minh Khuê"),
    ("Chiếc lược ngà", "Nguyễn Quang Sáng"),
    ("Vợ chồng A Phủ", "Tô Hoài"),
    ("Nhật ký Đặng Thùy Trâm", "Đặng Thùy Trâm"),
    ("Bỉ vỏ", "Nguyên Hồng"),
    ("Lão Hạc", "Nam Cao"),
    ("Quê nội", "Võ Quảng"),
    ("Đội thiếu niên tình báo Bát Sắt", "Phạm Thắng"),
    ("Kính vạn hoa", "Nguyễn Nhật Ánh"),
]
PUBLISHERS = [
    "NXB Kim Đồng",
    "NXB Giáo dục Việt Nam",
    "NXB Trẻ",
    "NXB Văn học",
    "NXB Tổng hợp Thành phố Hồ Chí Minh",
    "NXB Chính trị quốc gia Sự thật",
    "NXB Phụ nữ Việt Nam",
    "NXB Hội Nhà văn",
    "NXB Đại học Quốc gia Thành phố Hồ Chí Minh",
]
BOOK_SENTENCES = [
    "Cuốn sách được các em học sinh mượn đọc nhiều nhất trong năm học.",
    "Sách có nhiều tranh minh họa màu, dễ đọc trên đường đến trường.",
    "Tác giả kể lại những trang sử hào hùng của dân tộc bằng giọng văn gần gũi.",
    "Phù hợp cho giờ đọc sách ở thư viện và các buổi sinh hoạt chủ điểm.",
    "Kèm câu hỏi thảo luận cuối mỗi chương để thầy cô hướng dẫn.",
    "Một hành trình khám phá thiên nhiên và con người đất Việt.",
    "Tái bản có sửa chữa, bổ sung tư liệu mới.",
    "Được giới thiệu trong Ngày hội đọc sách của Đoàn trường.",
]
GRADE_WORDS = {
    "mam_non": "các bé mầm non",
    "tieu_hoc": "học sinh tiểu học",
    "thcs": "học sinh trung học cơ sở",
    "thpt": "học sinh trung học phổ thông",
    "moi_lua_tuoi": "mọi lứa tuổi",
}
SCHOOL_LEVEL_WORDS = [
    ("tieu_hoc", "Trường Tiểu học"),
    ("thcs", "Trường THCS"),
    ("thpt", "Trường THPT"),
    ("lien_cap", "Trường Liên cấp"),
]
OFFICER_ROLES = [
    "truong_khu_pho",
    "pho_khu_pho",
    "bi_thu_chi_bo",
    "bi_thu_chi_doan",
    "cong_an_khu_vuc",
]

_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})


def ascii_slug(text, max_length=60):
    """'Đường Hoàng Hoa Thám' -> 'duong-hoang-hoa-tham' (đ by hand: NFKD leaves it alone)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_D_STROKE))
    ascii_text = decomposed.encode("ascii", "ignore").decode().lower()
    words = "".join(c if c.isalnum() else " " for c in ascii_text).split()
    return "-".join(words)[:max_length].strip("-")


class Node:
    """A page to insert: its tree position, its Page columns and its own table's columns."""

    __slots__ = ("model", "id", "path", "depth", "url_path", "numchild", "page", "own", "written")

    def __init__(self, model, id, path, depth, url_path, page, own):
        self.model = model
        self.id = id
        self.path = path
        self.depth = depth
        self.url_path = url_path
        self.numchild = 0
        self.page = page
        self.own = own
        self.written = False


def insert_rows(connection, model, fields, constant, rows):
    """Multi-row INSERT of `rows` (dicts of attname -> Python value) into `model`'s own table.

    `fields` are the table's local concrete fields; a column missing from a row takes its
    value from `constant` (already prepared for the database once).
    """
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholder = "(" + ", ".join(["%s"] * len(fields)) + ")"
    # bulk_batch_size knows SQLite's variable limit; PostgreSQL's protocol allows 65,535.
    batch = connection.ops.bulk_batch_size(fields, rows)
    batch = max(1, min(batch, 65_535 // len(fields), 2000))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            params = []
            for row in chunk:
                for field in fields:
                    if field.attname in row:
                        params.append(field.get_db_prep_save(row[field.attname], connection))
                    else:
                        params.append(constant[field.attname])
            values = ", ".join([placeholder] * len(chunk))
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {values}", params)


class TreeWriter:
    """Lays out pages as treebeard would and writes them with two multi-row inserts each."""

    def __init__(self, connection, rng, batch_size=5000):
        from django.contrib.contenttypes.models import ContentType
        from django.db.models import Max
        from wagtail.models import Locale, Page

        from cms.importing.tree import path_step

        self.connection = connection
        self.rng = rng
        self.path_step = path_step  # the importer's: one place knows treebeard's paths
        self.batch_size = batch_size
        self.Page = Page
        self.next_id = (Page.objects.aggregate(Max("id"))["id__max"] or 0) + 1
        self.locale_id = Locale.get_default().pk
        self.content_types = ContentType.objects
        self.pending = defaultdict(list)
        self.children = defaultdict(int)  # pages written under each parent path, by path
        self.now = datetime.datetime.now(datetime.UTC)
        self.page_fields = list(Page._meta.local_concrete_fields)
        self.page_constant = self._constants(self.page_fields)
        self.own_fields = {}
        self.own_constant = {}
        self.inserted = defaultdict(int)
        self.stale = {}  # written pages that got children afterwards: numchild to update

    def _constants(self, fields):
        return {
            f.attname: f.get_db_prep_save(f.get_default(), self.connection)
            for f in fields
            if not f.primary_key
        }

    def attach(self, page):
        """Start adding children after the existing ones of an existing page."""
        last = page.get_last_child()
        self.children[page.path] = int(last.path[-STEPLEN:], 36) if last else 0
        node = Node(type(page), page.pk, page.path, page.depth, page.url_path, None, None)
        node.numchild = page.numchild
        node.written = True
        return node

    def add(self, parent, model, title, slug, **own):
        self.children[parent.path] += 1
        path = parent.path + self.path_step(self.children[parent.path])
        parent.numchild += 1
        if parent.written:
            self.stale[parent.id] = parent
        published = self.now - datetime.timedelta(minutes=self.rng.randrange(3 * 365 * 24 * 60))
        page_id = self.next_id
        self.next_id += 1
        node = Node(
            model,
            page_id,
            path,
            parent.depth + 1,
            f"{parent.url_path}{slug}/",
            {
                "id": page_id,
                "title": title,
                "draft_title": title,
                "slug": slug,
                "translation_key": uuid.uuid4(),
                "locale_id": self.locale_id,
                "live": True,
                "has_unpublished_changes": False,
                "first_published_at": published,
                "last_published_at": published,
                "content_type_id": self.content_types.get_for_model(model).pk,
            },
            {"page_ptr_id": page_id, **own},
        )
        self.pending[model].append(node)
        if len(self.pending[model]) >= self.batch_size:
            self.flush(model)
        return node

    def flush(self, model=None):
        """Write pending pages (their numchild is final once their own children are added)."""
        for kind in [model] if model else list(self.pending):
            nodes = self.pending.pop(kind, [])
            if not nodes:
                continue
            if kind not in self.own_fields:
                self.own_fields[kind] = list(kind._meta.local_concrete_fields)
                self.own_constant[kind] = self._constants(self.own_fields[kind])
            page_rows = []
            for node in nodes:
                node.page.update(
                    path=node.path,
                    depth=node.depth,
                    url_path=node.url_path,
                    numchild=node.numchild,
                )
                page_rows.append(node.page)
                node.written = True
            insert_rows(self.connection, self.Page, self.page_fields, self.page_constant, page_rows)
            insert_rows(
                self.connection,
                kind,
                self.own_fields[kind],
                self.own_constant[kind],
                [node.own for node in nodes],
            )
            self.inserted[kind] += len(nodes)

    def finish(self):
        """Flush everything, update numchild of pages written before their last child was
        added (the existing home page, parents of a flushed batch), fix PostgreSQL's sequence.
        """
        from django.core.management.color import no_style

        self.flush()
        for node in self.stale.values():
            self.Page.objects.filter(pk=node.id).update(numchild=node.numchild)
        with self.connection.cursor() as cursor:
            for sql in self.connection.ops.sequence_reset_sql(no_style(), [self.Page]):
                cursor.execute(sql)


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())}]


class Names:
    def __init__(self, rng):
        self.rng = rng

    def person(self):
        rng = self.rng
        return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"

    def district(self):
        return self.rng.choice(DISTRICTS)

    def ward(self):
        return "Phường " + self.rng.choice(WARDS)

    def location(self):
        return f"{self.rng.uniform(10.70, 10.88):.5f}, {self.rng.uniform(106.60, 106.80):.5f}"

    def place(self):
        district = self.district()
        location = self.location()
        lat, lng = (float(part) for part in location.split(", "))
        return {
            "address": f"{self.rng.randint(1, 450)} {self.rng.choice(NOTABLE_PEOPLE)}",
            "ward": self.ward(),
            "district": district,
            "province": "Thành phố Hồ Chí Minh",
            "location": location,
            "latitude": lat,
            "longitude": lng,
        }


def book_title(rng):
    if rng.random() < 0.08:
        return rng.choice(CLASSICS)
    title = f"{rng.choice(TITLE_HEADS)} {rng.choice(TITLE_TAILS)}{rng.choice(TITLE_ENDINGS)}"
    return title, None


def generate(
    books=100_000,
    libraries=200,
    streets=2000,
    heritage_sites=1000,
    offices=1000,
    seed=2024,
    batch_size=5000,
    log=print,
):
    """Insert the benchmark site under the default site's home page; return counts by kind.

    Needs a migrated database (the home page and the book subjects come from migrations).
    Runs in one transaction; the search index is not touched (run ``update_index``).
    """
    from django.db import connection, transaction
    from wagtail.models import Site

    from heritage.models import (
        HeritageIndexPage,
        HeritageRanking,
        HeritageSitePage,
        NeighbourhoodOfficePage,
        OfficeIndexPage,
        Officer,
        StreetIndexPage,
        StreetPage,
        StreetPlace,
    )
    from home.models import SchoolIndexPage, SchoolPage
    from library.models import BookPage, GradeBand, LibraryPage, Subject

    rng = random.Random(seed)
    names = Names(rng)
    subjects = list(Subject.objects.values_list("pk", "name"))
    if not subjects:
        raise SystemExit("no book subjects: migrate first (library.0002_seed_subjects)")
    grade_bands = list(GradeBand.values)
    rankings = list(HeritageRanking.values)

    with transaction.atomic():
        home = Site.objects.get(is_default_site=True).root_page.specific
        writer = TreeWriter(connection, rng, batch_size=batch_size)
        root = writer.attach(home)

        def section(model, title, slug):
            return writer.add(root, model, title, slug, summary=f"Danh sách {title.lower()}.")

        schools_index = section(SchoolIndexPage, "Trường học", "truong-hoc")
        streets_index = section(StreetIndexPage, "Tuyến đường", "tuyen-duong")
        heritage_index = section(HeritageIndexPage, "Di tích", "di-tich")
        offices_index = section(OfficeIndexPage, "Khu phố", "khu-pho")

        # Schools, one library each, books spread evenly over the libraries.
        per_library, extra = divmod(books, libraries) if libraries else (0, 0)
        for s in range(1, libraries + 1):
            level, level_words = rng.choice(SCHOOL_LEVEL_WORDS)
            namesake = NOTABLE_PEOPLE[(s - 1) % len(NOTABLE_PEOPLE)]
            school_title = f"{level_words} {namesake}"
            place = names.place()
            school = writer.add(
                schools_index,
                SchoolPage,
                school_title,
                f"{ascii_slug(school_title)}-{s}",
                summary=f"{school_title}, {place['ward']}, {place['district']}.",
                level=level,
                official_name=f"{school_title} – {place['district']}",
                founded_year=rng.randint(1950, 2015),
                **place,
            )
            library_title = f"Thư viện {school_title.removeprefix('Trường ')}"
            library = writer.add(
                school,
                LibraryPage,
                library_title,
                "thu-vien",
                summary=f"Thư viện của {school_title}, mở cửa cho học sinh và phụ huynh.",
                opening_hours="Thứ Hai – Thứ Sáu: 7:00 – 16:30",
                **place,
            )
            for b in range(1, per_library + (1 if s <= extra else 0) + 1):
                title, author = book_title(rng)
                authors = author or ", ".join(names.person() for _ in range(rng.choice((1, 1, 2))))
                subject_id, subject_name = rng.choice(subjects)
                grade_band = rng.choice(grade_bands)
                code = f"TV{s:03d}-{b:05d}"
                writer.add(
                    library,
                    BookPage,
                    title,
                    f"{ascii_slug(title, 50)}-{b}",
                    summary=(
                        f"Sách {subject_name.lower()} của {authors}, dành cho "
                        f"{GRADE_WORDS[grade_band]}. {rng.choice(BOOK_SENTENCES)}"
                    ),
                    authors=authors,
                    publisher=rng.choice(PUBLISHERS),
                    year=rng.randint(1975, 2025),
                    subject_id=subject_id,
                    grade_band=grade_band,
                    code=code,
                    call_number=f"{rng.randint(100, 999)}.{rng.randint(1, 99)}",
                    shelf=f"Kệ {rng.randint(1, 40)}",
                    copies=rng.randint(1, 5),
                    pages=rng.randint(40, 600),
                    reading_url=(
                        f"https://sach.example.vn/doc/{code}" if rng.random() < 0.1 else ""
                    ),
                )

        street_nodes = []
        for n in range(1, streets + 1):
            namesake = rng.choice(NOTABLE_PEOPLE)
            title = f"{rng.choice(STREET_KINDS)} {namesake}"
            place = names.place()
            street_nodes.append(
                writer.add(
                    streets_index,
                    StreetPage,
                    title,
                    f"{ascii_slug(title)}-{n}",
                    summary=f"{title} thuộc {place['district']}, mang tên {namesake}.",
                    body=paragraph(
                        f"{title} được đặt tên theo {namesake} từ năm {rng.randint(1955, 2020)}. "
                        f"Con đường chạy qua {place['ward']}, gần chợ và trường học."
                    ),
                    namesake=namesake,
                    former_names=f"Đường {rng.choice(HERITAGE_NAMES)} (trước 1975)",
                    length_m=rng.randint(150, 5000),
                    **place,
                )
            )

        for n in range(1, heritage_sites + 1):
            kind, prefix = rng.choice(HERITAGE_PREFIXES)
            title = f"{prefix} {rng.choice(HERITAGE_NAMES)}"
            place = names.place()
            period = rng.choice(PERIODS)
            writer.add(
                heritage_index,
                HeritageSitePage,
                title,
                f"{ascii_slug(title)}-{n}",
                summary=f"{title} ở {place['ward']}, {place['district']}, có từ {period}.",
                body=paragraph(
                    f"{title} là di tích {period}, nơi người dân {place['district']} "
                    "tổ chức lễ hội hằng năm."
                ),
                kind=kind,
                ranking=rng.choice(rankings),
                period=period,
                **place,
            )

        office_nodes = []
        for n in range(1, offices + 1):
            place = names.place()
            title = f"Văn phòng Khu phố {rng.randint(1, 30)}, {place['ward']}"
            office_nodes.append(
                writer.add(
                    offices_index,
                    NeighbourhoodOfficePage,
                    title,
                    f"{ascii_slug(title)}-{n}",
                    summary=f"Nơi làm việc của ban điều hành khu phố, {place['district']}.",
                    former_units=f"Tổ dân phố {rng.randint(1, 60)}\nTổ dân phố {rng.randint(1, 60)}",
                    phone=f"028 {rng.randint(3800, 3999)} {rng.randint(1000, 9999)}",
                    opening_hours="Thứ Hai – Thứ Sáu: 7:30 – 11:30",
                    **place,
                )
            )

        writer.finish()

        StreetPlace.objects.bulk_create(
            [
                StreetPlace(
                    page_id=node.id,
                    sort_order=i,
                    name=f"{label} {rng.choice(HERITAGE_NAMES)}",
                    category=category,
                    address=f"{rng.randint(1, 300)} {node.own['namesake']}",
                )
                for node in street_nodes
                for i, (category, label) in enumerate(rng.sample(PLACE_KINDS, 2))
            ],
            batch_size=batch_size,
        )
        Officer.objects.bulk_create(
            [
                Officer(page_id=node.id, sort_order=i, role=role, name=names.person())
                for node in office_nodes
                for i, role in enumerate(rng.sample(OFFICER_ROLES, 3))
            ],
            batch_size=batch_size,
        )

    return {model._meta.label: count for model, count in writer.inserted.items()}


def check_tree():
    """The five lists of treebeard's ``find_problems()``, from one pass over the paths.

    Returns (evil_chars, bad_steplen, orphans, wrong_depth, wrong_numchild) as lists of ids.
    """
    from wagtail.models import Page

    rows = list(Page.objects.values_list("id", "path", "depth", "numchild"))
    paths = {path for _, path, _, _ in rows}
    children = defaultdict(int)
    for _, path, _, _ in rows:
        children[path[:-STEPLEN]] += 1
    allowed = set(ALPHABET)
    evil, steplen, orphans, depth, numchild = [], [], [], [], []
    for pk, path, node_depth, node_numchild in rows:
        if not set(path) <= allowed:
            evil.append(pk)
        elif len(path) % STEPLEN:
            steplen.append(pk)
        elif len(path) > STEPLEN and path[:-STEPLEN] not in paths:
            orphans.append(pk)
        elif node_depth != len(path) // STEPLEN:
            depth.append(pk)
        elif node_numchild != children.get(path, 0):
            numchild.append(pk)
    return evil, steplen, orphans, depth, numchild


def update_index(verbosity=0):
    """Run ``manage.py update_index``; return its wall time in seconds."""
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("update_index", verbosity=verbosity)
    return time.perf_counter() - started


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--books", type=int, default=100_000)
    parser.add_argument("--libraries", type=int, default=200)
    parser.add_argument("--streets", type=int, default=2000)
    parser.add_argument("--heritage-sites", type=int, default=1000)
    parser.add_argument("--offices", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--update-index", action="store_true", help="then run update_index")
    parser.add_argument(
        "--find-problems", action="store_true", help="also run treebeard's (slow) find_problems()"
    )
    options = parser.parse_args()
    setup_django()

    started = time.perf_counter()
    counts = generate(
        books=options.books,
        libraries=options.libraries,
        streets=options.streets,
        heritage_sites=options.heritage_sites,
        offices=options.offices,
        seed=options.seed,
        batch_size=options.batch_size,
    )
    elapsed = time.perf_counter() - started
    for label, count in counts.items():
        print(f"{label:<36} {count:>8,}")
    print(f"{'pages inserted':<36} {sum(counts.values()):>8,} in {elapsed:.1f} s")

    problems = check_tree()
    print("tree check:", "valid" if not any(problems) else f"PROBLEMS {problems}")
    if options.find_problems:
        from wagtail.models import Page

        problems = Page.find_problems()
        print("treebeard find_problems():", "valid" if not any(problems) else problems)
    if options.update_index:
        print(f"update_index: {update_index():.1f} s")
    return 1 if any(problems) else 0


if __name__ == "__main__":
    sys.exit(main())
