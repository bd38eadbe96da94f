"""Turn ``home.demo.data`` into a published Wagtail page tree, idempotently.

Natural keys make a rerun update in place instead of duplicating: a page is found by its slug
under its parent, an image or a document by its title. Every page goes through
``save_revision(clean=True).publish()``, so the demo passes the same validation an editor's
page would.
"""

import datetime
import json
import time
import unicodedata
from collections import Counter

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Site

from cms.geo import LatLng
from heritage.models import (
    HeritageIndexPage,
    HeritageSitePage,
    NeighbourhoodOfficePage,
    OfficeIndexPage,
    Officer,
    StreetIndexPage,
    StreetPage,
    StreetPlace,
)
from home.demo import data
from home.demo.images import card_jpeg, cover_jpeg
from home.demo.pdf import ebook_pdf
from home.models import (
    EditorAccount,
    HomePage,
    MapPage,
    SchoolAchievement,
    SchoolIndexPage,
    SchoolPage,
    UnitKind,
)
from home.units import onboard_unit, section_of
from library.models import BookPage, LibraryPage, Subject

IMAGE_PREFIX = "Ảnh mẫu – "
COVER_PREFIX = "Bìa mẫu – "
SAMPLE_ISBN_STEM = "978604099"
SUBJECT_SHELF = {
    "lich-su": ("LS", "A"),
    "khoa-hoc": ("KH", "B"),
    "kinh-te": ("KT", "C"),
    "van-hoa": ("VHo", "D"),
    "tu-nhien-xa-hoi": ("TNXH", "E"),
    "ky-nang": ("KN", "F"),
    "cong-nghe": ("CN", "G"),
    "van-hoc": ("VH", "H"),
    "thieu-nhi": ("TN", "I"),
    "tham-khao": ("TK", "K"),
}


def ascii_slug(text):
    """A URL slug without diacritics ('Đường Lê Lợi' -> 'duong-le-loi')."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return slugify("".join(c for c in folded if not unicodedata.combining(c)))


def isbn13(first12):
    """The ISBN-13 with its computed check digit, hyphenated as 978-604-0-99xxx-c."""
    total = sum(int(digit) * (3 if i % 2 else 1) for i, digit in enumerate(first12))
    check = (10 - total % 10) % 10
    return f"{first12[:3]}-{first12[3:6]}-{first12[6]}-{first12[7:]}-{check}"


def wkt(point):
    return LatLng(lat=point[0], lng=point[1]).to_wkt() if point else ""


def stream(blocks):
    """StreamField data from the compact tuples used in ``data``."""
    result = []
    for block in blocks:
        kind = block[0]
        if kind == "heading":
            result.append({"type": "heading", "value": block[1]})
        elif kind == "p":
            result.append({"type": "paragraph", "value": block[1]})
        elif kind == "facts":
            facts = [{"label": label, "value": value} for label, value in block[2]]
            result.append({"type": "fact_box", "value": {"title": block[1], "facts": facts}})
        elif kind == "quote":
            result.append({"type": "quote", "value": {"quote": block[1], "attribution": block[2]}})
        elif kind == "image":
            result.append({"type": "image", "value": {"image": block[1], "caption": block[2]}})
        else:
            raise ValueError(f"Unknown demo block {kind!r}")
    return result


def timeline(events, block_type="event"):
    return [
        {
            "type": block_type,
            "value": {"year": year, "title": title, "text": f"<p>{text}</p>", "image": None},
        }
        for year, title, text in events
    ]


def gallery(image, caption):
    return [{"type": "image", "value": {"image": image.pk, "caption": caption}}]


def related(pages):
    return [{"type": "page", "value": page.pk} for page in pages]


class DemoBuilder:
    """Builds the demo site under the default site's HomePage. Call ``build()``."""

    def __init__(self, report=None):
        self.report = report or (lambda message: None)
        self.Image = get_image_model()
        self.Document = get_document_model()
        self.counts = Counter()
        self.subjects = {}
        self.pages = {}
        self.User = get_user_model()
        # (unit, role, username) of the demo accounts, for load_demo to print.
        self.accounts = []

    # Entry point -------------------------------------------------------------------------

    def build(self):
        started = time.monotonic()
        home = self.home_page()
        self.report(_("Building the demo site under “%(title)s”…") % {"title": home.title})
        self.subjects = {subject.slug: subject for subject in Subject.objects.all()}
        with transaction.atomic():
            indexes = self.build_indexes(home)
            self.build_schools(indexes["schools"])
            self.build_heritage(indexes["heritage"])
            self.build_streets(indexes["streets"])
            self.build_offices(indexes["offices"])
            self.build_home(home)
            self.build_units(home, indexes["schools"])
        self.counts["seconds"] = round(time.monotonic() - started, 1)
        return self.counts

    @staticmethod
    def home_page():
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        root = site.root_page.specific if site else None
        if not isinstance(root, HomePage):
            raise LookupError(
                _(
                    "The default site has no home page of type HomePage; "
                    "run “python manage.py migrate” first."
                )
            )
        return root

    # Media -------------------------------------------------------------------------------

    def image(self, title, subtitle="", label=None, cover_authors=None):
        """The image with this stable title, drawn and saved only the first time."""
        full_title = (COVER_PREFIX if cover_authors is not None else IMAGE_PREFIX) + title
        image = self.Image.objects.filter(title=full_title).first()
        if image is not None:
            return image
        if cover_authors is not None:
            content = cover_jpeg(title, cover_authors, label or data.SAMPLE)
        else:
            content = card_jpeg(title, subtitle, label or data.SAMPLE)
        filename = f"demo-{ascii_slug(title)[:60]}.jpg"
        image = self.Image(title=full_title, file=ContentFile(content, name=filename))
        image.save()
        self.counts["images_created"] += 1
        return image

    def ebook(self, key):
        spec = data.EBOOKS[key]
        document = self.Document.objects.filter(title=spec["title"]).first()
        if document is not None:
            return document
        content = ebook_pdf(spec["heading"], spec["author"], spec["paragraphs"], spec["title"])
        document = self.Document(
            title=spec["title"], file=ContentFile(content, name=f"demo-{key}.pdf")
        )
        document.save()
        self.counts["documents_created"] += 1
        return document

    # Pages -------------------------------------------------------------------------------

    def upsert(self, parent, model, slug, *, anywhere_under=None, **fields):
        """Create or update the child of ``parent`` with this slug, then publish it.

        With `anywhere_under`, a page of that slug already placed elsewhere below it (a demo
        school moved into its district's unit) is updated where it is."""
        pages = model.objects.child_of(parent)
        if anywhere_under is not None:
            pages = model.objects.descendant_of(anywhere_under)
        page = pages.filter(slug=slug).first()
        created = page is None
        if created:
            page = model(slug=slug)
        for name, value in fields.items():
            setattr(page, name, value)
        if created:
            parent.add_child(instance=page)
        page.save_revision().publish()
        self.counts[f"{model._meta.model_name}_{'created' if created else 'updated'}"] += 1
        return page

    def located(self, spec, address=None):
        return {
            "address": address if address is not None else spec.get("address", ""),
            "ward": spec.get("ward", ""),
            "district": spec.get("district", ""),
            "province": data.PROVINCE,
            "location": wkt(spec["point"]),
        }

    def section_done(self, label, count):
        self.report(f"  {label}: {count}")

    def build_indexes(self, home):
        models = {
            "schools": SchoolIndexPage,
            "streets": StreetIndexPage,
            "heritage": HeritageIndexPage,
            "offices": OfficeIndexPage,
            "map": MapPage,
        }
        indexes = {}
        for key, model in models.items():
            spec = data.INDEXES[key]
            indexes[key] = self.upsert(
                home,
                model,
                spec["slug"],
                title=spec["title"],
                summary=spec["summary"],
                intro=spec["intro"],
                main_image=self.image(spec["title"], spec["summary"]),
            )
        self.section_done(_("Section pages"), len(indexes))
        return indexes

    def build_schools(self, index):
        for spec in data.SCHOOLS:
            image = self.image(spec["title"], spec["official_name"])
            body = [
                ("p", f"<p>{spec['summary']}</p>"),
                ("image", image.pk, _demo_caption()),
                (
                    "facts",
                    "Quy mô (dữ liệu mẫu)",
                    [
                        ("Học sinh", str(spec["students"])),
                        ("Lớp", str(spec["classes"])),
                        ("Giáo viên", str(spec["teachers"])),
                    ],
                ),
                (
                    "quote",
                    "Vì lợi ích mười năm thì phải trồng cây, vì lợi ích trăm năm thì phải "
                    "trồng người.",
                    "Hồ Chí Minh",
                ),
            ]
            school = self.upsert(
                index,
                SchoolPage,
                spec["slug"],
                anywhere_under=index.get_parent(),
                title=spec["title"],
                summary=spec["summary"],
                main_image=image,
                official_name=spec["official_name"],
                former_names=spec["former_names"],
                level=spec["level"],
                founded_year=spec["founded_year"],
                name_meaning=spec["name_meaning"],
                traditions=spec["traditions"],
                history=timeline(spec["history"]),
                students=spec["students"],
                classes=spec["classes"],
                teachers=spec["teachers"],
                staff=spec["staff"],
                scale_school_year=spec["scale_school_year"],
                phone=spec["phone"],
                email=spec["email"],
                website=spec["website"],
                body=stream(body),
                gallery=gallery(image, _demo_caption()),
                achievements=[
                    SchoolAchievement(year=year, title=title, level=level)
                    for year, title, level in spec["achievements"]
                ],
                **self.located(spec),
            )
            self.pages[spec["slug"]] = school
            if spec["library"]:
                self.build_library(school, spec, spec["library"])
        self.section_done(_("Schools"), len(data.SCHOOLS))

    def build_units(self, home, school_index):
        """The province, two of its districts and their schools as units, each with an editor
        and a moderator whose demo credentials `load_demo` prints."""
        province = self.demo_unit(home.title, UnitKind.PROVINCE, None, "tinh")
        for district_name, slug in data.DEMO_DISTRICTS:
            district = self.demo_unit(district_name, UnitKind.DISTRICT, province, slug)
            district_schools = section_of(district.page, SchoolIndexPage, "Trường học")
            for spec in data.SCHOOLS:
                if spec["district"] != district_name:
                    continue
                school = SchoolPage.objects.descendant_of(home).get(slug=spec["slug"])
                if school.get_parent().pk != district_schools.pk:
                    school.move(district_schools, pos="last-child")
                short = spec["slug"].split("-mau-")[-1].replace("-", "")
                self.demo_unit(school.title, UnitKind.SCHOOL, district, short, moderator=False)
        self.section_done(_("Units"), len({unit.pk for unit, _role, _name in self.accounts}))

    def demo_unit(self, name, kind, parent, slug, moderator=True):
        """A school's pages are approved by its district's moderators: it needs none."""
        result = onboard_unit(name, kind, parent, f"bientap.{slug}@{data.DEMO_EMAIL_DOMAIN}")
        editor = self.demo_account(result.editor.username)
        self.accounts.append((result.unit, _("editor"), editor.username))
        if moderator:
            account = self.demo_account(f"kiemduyet.{slug}@{data.DEMO_EMAIL_DOMAIN}")
            account.groups.add(result.unit.moderators)
            self.accounts.append((result.unit, _("moderator"), account.username))
        return result.unit

    def demo_account(self, username):
        """A demo account with the printed demo password, not asked to change it."""
        user, _created = self.User.objects.get_or_create(
            username=username, defaults={"email": username}
        )
        if not user.check_password(data.DEMO_PASSWORD):
            user.set_password(data.DEMO_PASSWORD)
            user.save()
        EditorAccount.objects.filter(user=user).update(one_time_password_hash="")
        return user

    def build_library(self, school, school_spec, spec):
        image = self.image(spec["title"], spec["opening_hours"])
        books = self.library_books(spec)
        library = self.upsert(
            school,
            LibraryPage,
            spec["slug"],
            title=spec["title"],
            summary=spec["summary"],
            main_image=image,
            intro=spec["intro"],
            opening_hours=spec["opening_hours"],
            phone=spec["phone"],
            body=stream(
                [
                    ("p", "<p>Mỗi cuốn sách có một trang riêng và mã QR in trên nhãn gáy.</p>"),
                    ("facts", "Thư viện (dữ liệu mẫu)", [("Số đầu sách", str(len(books)))]),
                ]
            ),
            gallery=gallery(image, _demo_caption()),
            **self.located(
                {**school_spec, "point": spec["point"]},
                address=f"{school_spec['address']}, khuôn viên {school_spec['title']}",
            ),
        )
        for number, book in enumerate(books, start=1):
            self.upsert_book(library, spec["code_prefix"], number, book)
            if number % 20 == 0:
                self.report(
                    "    "
                    + _("%(library)s: %(count)d books…")
                    % {
                        "library": library.title,
                        "count": number,
                    }
                )
        self.section_done(_("Books in %(library)s") % {"library": library.title}, len(books))

    def library_books(self, spec):
        """The library's catalogue: real works plus one sample title per subject and band."""
        books = [
            {**book, "sample": False}
            for book in data.REAL_BOOKS
            if spec["all_real_books"] or book["small"]
        ]
        for subject_number, (subject, stems) in enumerate(data.SAMPLE_BOOK_TITLES.items()):
            for band_number, (band, stem) in enumerate(
                zip(data.SAMPLE_BAND_ORDER, stems, strict=True)
            ):
                serial = f"{subject_number * 10 + band_number:03d}"
                subject_name = self.subjects[subject].name.lower()
                books.append(
                    {
                        "title": f"{stem} (sách mẫu)",
                        "authors": data.SAMPLE_AUTHOR,
                        "publisher": data.SAMPLE_PUBLISHER,
                        "isbn": isbn13(SAMPLE_ISBN_STEM + serial),
                        "pages": 32 + 8 * band_number + subject_number,
                        "subject": subject,
                        "grade_band": band,
                        "summary": f"{data.SAMPLE}: sách minh họa chủ đề {subject_name} "
                        f"dành cho bạn đọc {data.GRADE_BAND_LABELS[band]}; ISBN là mã mẫu.",
                        "ebook": data.SAMPLE_EBOOK_TITLES.get(stem),
                        "sample": True,
                    }
                )
        return books

    def upsert_book(self, library, prefix, number, book):
        abbreviation, shelf = SUBJECT_SHELF[book["subject"]]
        cover = self.image(book["title"], cover_authors=book["authors"])
        ebook = self.ebook(book["ebook"]) if book.get("ebook") else None
        code = f"{prefix}-{number:04d}"
        summary = book["summary"]
        if not book["sample"]:
            summary = f"{summary} Mã sách, vị trí và số bản là dữ liệu mẫu."
        self.upsert(
            library,
            BookPage,
            ascii_slug(book["title"]),
            title=book["title"],
            summary=summary,
            authors=book["authors"],
            publisher=book.get("publisher", ""),
            isbn=book.get("isbn", ""),
            pages=book.get("pages"),
            language="vi",
            subject=self.subjects[book["subject"]],
            grade_band=book["grade_band"],
            cover_image=cover,
            code=code,
            call_number=f"{abbreviation} {number:03d}",
            shelf=f"Kệ {shelf}{1 + number % 3} (dữ liệu mẫu)",
            copies=1 + number % 5,
            ebook=ebook,
            body=stream([("p", f"<p>{summary}</p>")]),
        )

    def build_heritage(self, index):
        for spec in data.HERITAGE:
            image = self.image(spec["title"], spec["other_names"].split("\n")[0])
            people = [
                {
                    "type": "person",
                    "value": {"name": name, "role": role, "phone": "", "photo": None, "bio": bio},
                }
                for name, role, bio in spec["notable_people"]
            ]
            site = self.upsert(
                index,
                HeritageSitePage,
                spec["slug"],
                title=spec["title"],
                summary=spec["summary"],
                main_image=image,
                other_names=spec["other_names"],
                kind=spec["kind"],
                ranking=spec["ranking"],
                ranking_decision_number=spec.get("ranking_decision_number", ""),
                ranking_decision_date=_date(spec.get("ranking_decision_date")),
                period=spec["period"],
                history=timeline(spec["history"]),
                notable_people=people,
                notable_events=spec["notable_events"],
                body=stream([*spec["body"], ("image", image.pk, _demo_caption())]),
                gallery=gallery(image, _demo_caption()),
                **self.located(spec),
            )
            self.pages[spec["slug"]] = site
        self.section_done(_("Heritage sites"), len(data.HERITAGE))

    def build_streets(self, index):
        for spec in data.STREETS:
            image = self.image(spec["title"], spec["namesake"])
            start, end = spec.get("start"), spec.get("end")
            route = ""
            if start and end:
                route = json.dumps(
                    {"type": "LineString", "coordinates": [[start[1], start[0]], [end[1], end[0]]]}
                )
            street = self.upsert(
                index,
                StreetPage,
                spec["slug"],
                title=spec["title"],
                summary=spec["summary"],
                main_image=image,
                namesake=spec["namesake"],
                namesake_bio=spec["namesake_bio"],
                former_names=spec["former_names"],
                start_point=spec.get("start_point", ""),
                start_location=wkt(start),
                end_point=spec.get("end_point", ""),
                end_location=wkt(end),
                route_geojson=route,
                local_specialties=spec["local_specialties"],
                suggested_tours=spec["suggested_tours"],
                body=stream([*spec["body"], ("image", image.pk, _demo_caption())]),
                gallery=gallery(image, _demo_caption()),
                related_pages=related(
                    self.pages[slug] for slug in data.STREET_RELATED_HERITAGE.get(spec["slug"], [])
                ),
                places=[
                    StreetPlace(name=name, category=category, address=address, location=wkt(point))
                    for name, category, address, point in spec["places"]
                ],
                **self.located(spec, address=spec["title"]),
            )
            self.pages[spec["slug"]] = street
        self.section_done(_("Streets"), len(data.STREETS))

    def build_offices(self, index):
        for spec in data.OFFICES:
            number = spec["number"]
            image = self.image(spec["title"], spec["ward"])
            officers = [
                Officer(
                    role=role,
                    name=data.OFFICER_NAMES[(number * 2 + i) % len(data.OFFICER_NAMES)],
                    phone=f"0900 000 {number}{i:02d}",
                )
                for i, role in enumerate(data.OFFICER_ROLES)
            ]
            self.upsert(
                index,
                NeighbourhoodOfficePage,
                spec["slug"],
                title=spec["title"],
                summary=f"{data.SAMPLE}: văn phòng khu phố hư cấu, minh họa bản đồ địa chỉ và "
                "danh sách cán bộ khu phố.",
                main_image=image,
                former_units=spec["former_units"],
                phone=f"028 3800 01{number:02d}",
                opening_hours="Thứ 2 – Thứ 6: 7g30 – 11g30, 13g30 – 17g00 (dữ liệu mẫu)",
                body=stream(
                    [
                        (
                            "p",
                            "<p>Nơi tiếp nhận ý kiến, hồ sơ của người dân trong khu phố. "
                            "Mọi thông tin ở trang này là dữ liệu mẫu.</p>",
                        ),
                        (
                            "facts",
                            "Thông tin nhanh (dữ liệu mẫu)",
                            [
                                ("Số hộ dân", str(400 + 35 * number)),
                                ("Tổ dân phố", str(8 + number)),
                            ],
                        ),
                    ]
                ),
                officers=officers,
                **self.located(spec, address=f"Số {number}0 Đường Mẫu (địa chỉ mẫu)"),
            )
        self.section_done(_("Neighbourhood offices"), len(data.OFFICES))

    def build_home(self, home):
        featured = [self.pages[slug] for _section, slug in data.HOME_FEATURED]
        spec = data.HOME
        home.title = spec["title"]
        home.summary = spec["summary"]
        home.intro = spec["intro"]
        home.main_image = self.image(spec["title"], spec["summary"])
        home.body = stream(spec["body"])
        home.featured_pages = related(featured)
        home.save_revision().publish()
        self.counts["homepage_updated"] += 1
        self.section_done(_("Home page"), 1)


def _demo_caption():
    return "Ảnh minh họa do Sohoa tạo tự động (dữ liệu mẫu)."


def _date(value):
    return datetime.date.fromisoformat(value) if value else None
