"""Page weight budget: a content page must cost at most 100 KB transferred before images.

For one published page of each kind this prints the HTML size (raw and gzip), the gzip size of
the CSS and JavaScript the page pulls in (stylesheets, scripts, and what map.js loads lazily),
and the total, and flags any page over budget. Fonts and images are excluded.

    python bench/page_weight.py              # the configured database if it holds one page of
                                             # every kind (e.g. after `manage.py load_demo`),
                                             # otherwise a throwaway SQLite database
    python bench/page_weight.py --throwaway  # always build sample pages in a throwaway database

Exits with status 1 when a page is over budget, so it can run in CI.
"""

import gzip
import os
import subprocess
import sys
import tempfile
import uuid
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
BUDGET_BYTES = 100 * 1024
KINDS = [
    "home.HomePage",
    "home.SchoolIndexPage",
    "home.SchoolPage",
    "home.MapPage",
    "library.LibraryPage",
    "library.BookPage",
    "heritage.StreetIndexPage",
    "heritage.StreetPage",
    "heritage.HeritageIndexPage",
    "heritage.HeritageSitePage",
    "heritage.OfficeIndexPage",
    "heritage.NeighbourhoodOfficePage",
]


class AssetCollector(HTMLParser):
    """The stylesheets and scripts a page loads, including those map.js loads on demand."""

    def __init__(self):
        super().__init__()
        self.assets = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "stylesheet" and attrs.get("href"):
            self.assets.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.assets.append(attrs["src"])
        for name in ("data-leaflet-js", "data-leaflet-css"):
            if attrs.get(name):
                self.assets.append(attrs[name])


def gzip_size(data):
    return len(gzip.compress(data, compresslevel=6))


def asset_bytes(url):
    from django.conf import settings
    from django.contrib.staticfiles import finders

    path = finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0])
    if not path:
        raise SystemExit(f"Static file not found: {url}")
    return Path(path).read_bytes()


def measure(client, url):
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    body = response.content
    if response.get("Content-Encoding") == "gzip":
        html_gzip, html = len(body), gzip.decompress(body)
    else:
        html_gzip, html = gzip_size(body), body
    collector = AssetCollector()
    collector.feed(html.decode("utf-8"))
    assets = sorted(set(collector.assets))
    assets_gzip = sum(gzip_size(asset_bytes(asset)) for asset in assets)
    return {
        "html_raw": len(html),
        "html_gzip": html_gzip,
        "assets_gzip": assets_gzip,
        "total": html_gzip + assets_gzip,
        "assets": assets,
    }


def pages_of_every_kind():
    """{label: url} of the most content-heavy live page of each kind, or None if one is missing."""
    from django.apps import apps

    found = {}
    for label in KINDS:
        model = apps.get_model(label)
        pages = list(model.objects.live().public())
        if not pages:
            return None
        # The page with the most to show is the one that tests the budget.
        page = max(pages, key=lambda p: len(str(p.body.raw_data)) + p.get_children_count())
        found[label] = page.url
    return found


def report(client, pages):
    rows = []
    over = False
    header = f"{'kind':<34}{'url':<52}{'HTML':>9}{'HTML gz':>9}{'CSS+JS gz':>11}{'total gz':>10}"
    print(header)
    print("-" * len(header))
    for label, url in pages.items():
        sizes = measure(client, url)
        flag = ""
        if sizes["total"] > BUDGET_BYTES:
            flag, over = "  OVER BUDGET", True
        rows.append((label, url, sizes))
        print(
            f"{label:<34}{unquote(url)[:50]:<52}{sizes['html_raw']:>9,}{sizes['html_gzip']:>9,}"
            f"{sizes['assets_gzip']:>11,}{sizes['total']:>10,}{flag}"
        )
    print(f"\nBudget: {BUDGET_BYTES:,} bytes per page (HTML + CSS + JS, gzip; no fonts or images).")
    print("Assets:", ", ".join(sorted({a for _l, _u, s in rows for a in s["assets"]})))
    print("RESULT:", "some page is over budget" if over else "every page is within budget")
    return 1 if over else 0


def setup_django(throwaway_dir=None):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    if throwaway_dir:
        os.environ["DATABASE_URL"] = f"sqlite:///{throwaway_dir}/bench.sqlite3"
        os.environ["MEDIA_ROOT"] = f"{throwaway_dir}/media"
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    # Lets the test client's host through ALLOWED_HOSTS, as in a test run.
    setup_test_environment()


def main(argv):
    throwaway = "--throwaway" in argv
    if not throwaway:
        setup_django()
        from django.db import DatabaseError

        try:
            pages = pages_of_every_kind()
        except DatabaseError:
            pages = None
        if pages is None:
            print("No page of every kind in the configured database: using a throwaway one.\n")
            return subprocess.call([sys.executable, __file__, "--throwaway"])
    else:
        with tempfile.TemporaryDirectory(prefix="sohoa-bench-") as tmp:
            setup_django(tmp)
            from django.core.management import call_command

            call_command("migrate", verbosity=0)
            build_sample_site()
            pages = pages_of_every_kind()
            return run(pages)
    return run(pages)


def run(pages):
    from django.test import Client

    return report(Client(), pages)


# A small sample site ---------------------------------------------------------------------------


def sample_image(title, colour):
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from PIL import ImageDraw
    from wagtail.images.models import Image

    canvas = PILImage.new("RGB", (1600, 1000), colour)
    draw = ImageDraw.Draw(canvas)
    for step in range(0, 1600, 80):
        draw.line([(step, 0), (1600 - step, 1000)], fill=(255, 255, 255), width=3)
    buffer = BytesIO()
    canvas.save(buffer, "JPEG", quality=80)
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"{title[:20]}.jpg"))


def rich(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


LOREM = (
    "Nằm giữa trung tâm thành phố, nơi đây gắn với nhiều thế hệ người dân và học sinh. "
    "Qua bao thăng trầm của lịch sử, những giá trị truyền thống vẫn được gìn giữ và phát huy."
)


def list_item(value):
    """A ListBlock item in Wagtail's stored form (the id tells it from a legacy plain value)."""
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


def body_blocks(images):
    """A long, realistic body using every block kind."""
    blocks = [{"type": "heading", "value": "Giới thiệu chung"}]
    for _ in range(4):
        blocks.append({"type": "paragraph", "value": rich(LOREM, LOREM, LOREM)})
    blocks += [
        {"type": "image", "value": {"image": images[0].pk, "caption": "Toàn cảnh"}},
        {
            "type": "quote",
            "value": {"quote": "Không có gì quý hơn độc lập, tự do.", "attribution": "Hồ Chí Minh"},
        },
        {
            "type": "fact_box",
            "value": {
                "title": "Thông tin nhanh",
                "facts": [list_item({"label": "Năm", "value": "1975"})],
            },
        },
        {
            "type": "timeline_event",
            "value": {"year": 1975, "title": "Thành lập", "text": rich(LOREM), "image": None},
        },
        {
            "type": "gallery",
            "value": {
                "title": "Hình ảnh hoạt động",
                "images": [
                    list_item({"image": img.pk, "caption": img.title}) for img in images[:4]
                ],
            },
        },
        {
            "type": "place",
            "value": {
                "name": "Chợ Bến Thành",
                "category": "cho",
                "address": "Quận 1",
                "phone": "028 3829 1234",
                "location": "10.7725, 106.6980",
                "note": "",
            },
        },
        {
            "type": "person",
            "value": {
                "name": "Nguyễn Văn A",
                "role": "Bí thư chi đoàn",
                "phone": "0912 345 678",
                "photo": images[1].pk,
                "bio": LOREM,
            },
        },
        {
            "type": "video",
            "value": {
                "video": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                "caption": "Phóng sự",
            },
        },
    ]
    return blocks


def timeline(images, count=8):
    return [
        {
            "type": "event",
            "value": {
                "year": 1950 + 8 * i,
                "title": f"Mốc lịch sử thứ {i + 1}",
                "text": rich(LOREM),
                "image": images[i % len(images)].pk if i % 3 == 0 else None,
            },
        }
        for i in range(count)
    ]


def gallery(images):
    return [{"type": "image", "value": {"image": img.pk, "caption": img.title}} for img in images]


def common(title, images, **extra):
    return {
        "title": title,
        "summary": f"{title}: {LOREM}"[:300],
        "main_image": images[0],
        "body": body_blocks(images),
        "gallery": gallery(images),
        **extra,
    }


def build_sample_site():
    """One page of each kind with long, realistic content, under a new site root."""
    from datetime import date

    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document
    from wagtail.embeds.embeds import get_embed_hash
    from wagtail.embeds.models import Embed
    from wagtail.models import Page, Site

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
    from home.models import HomePage, MapPage, SchoolAchievement, SchoolIndexPage, SchoolPage
    from library.models import BookPage, LibraryPage, Subject

    video_url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    Embed.objects.get_or_create(
        hash=get_embed_hash(video_url),
        defaults={
            "url": video_url,
            "type": "video",
            "title": "Phóng sự",
            "provider_name": "YouTube",
            "width": 480,
            "height": 270,
            "html": (
                '<iframe width="480" height="270" src="https://www.youtube-nocookie.com/embed/'
                'dQw4w9WgXcQ" title="Phóng sự" allowfullscreen></iframe>'
            ),
        },
    )
    colours = [
        (11, 79, 156),
        (168, 20, 31),
        (31, 111, 42),
        (122, 62, 157),
        (138, 90, 0),
        (0, 96, 122),
    ]
    images = [sample_image(f"Ảnh mẫu {i + 1}", colours[i % len(colours)]) for i in range(8)]

    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            **common("Đoàn TNCS Hồ Chí Minh TP. Hồ Chí Minh", images, slug="sohoa-home"),
            intro=rich("Chào mừng bạn đến với trang số hoá của Đoàn Thanh niên."),
        )
    )
    site = Site.objects.filter(is_default_site=True).first()
    if site:
        old_root = site.root_page
        site.root_page = home
        site.save()
        if old_root.pk != root.pk and old_root.depth == 2 and old_root.pk != home.pk:
            old_root.delete()
    else:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)

    located = {
        "address": "12 Lê Duẩn",
        "ward": "Phường Bến Nghé",
        "district": "Quận 1",
        "province": "TP. Hồ Chí Minh",
    }

    schools = home.add_child(
        instance=SchoolIndexPage(**common("Trường học", images), intro=rich(LOREM))
    )
    school = None
    for i in range(12):
        school = schools.add_child(
            instance=SchoolPage(
                **common(f"Trường THPT Mẫu số {i + 1}", images),
                official_name=f"Trường Trung học phổ thông Mẫu số {i + 1}",
                former_names="Trường Petrus Ký (1927–1975)\nTrường Lê Hồng Phong",
                level="thpt",
                founded_year=1927,
                name_meaning=rich(LOREM, LOREM),
                history=timeline(images),
                traditions=rich(LOREM, LOREM),
                students=2150,
                classes=54,
                teachers=140,
                staff=30,
                scale_school_year="2025-2026",
                videos=[
                    {"type": "video", "value": {"video": video_url, "caption": "Giới thiệu trường"}}
                ],
                phone="028 3835 2020",
                email="truong@example.edu.vn",
                website="https://example.edu.vn",
                fanpage="https://facebook.com/example",
                zalo_oa="https://zalo.me/example",
                location=f"10.76{i:02d}, 106.68{i:02d}",
                **located,
            )
        )
    for year in range(2015, 2025):
        SchoolAchievement.objects.create(
            page=school, year=year, title="Giải nhất hội thi tin học trẻ", level="tinh"
        )

    library = school.add_child(
        instance=LibraryPage(
            **common("Thư viện trường THPT Mẫu", images),
            intro=rich(LOREM),
            opening_hours="Thứ 2 – Thứ 6: 7g00 – 16g30\nThứ 7: 7g00 – 11g00",
            phone="028 3835 2021",
            location="10.7601, 106.6801",
            **located,
        )
    )
    subject = Subject.objects.get_or_create(name="Lịch sử", slug="lich-su")[0]
    ebook = Document.objects.create(
        title="Sách mẫu", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="sach.pdf")
    )
    for i in range(45):
        library.add_child(
            instance=BookPage(
                **common(f"Sách mẫu số {i + 1:02d}: Lịch sử Sài Gòn – Gia Định", images),
                subtitle="Tập một",
                authors="Nguyễn Văn A, Trần Thị B",
                translator="Lê Văn C",
                publisher="NXB Trẻ",
                year=2020,
                edition="Tái bản lần 2",
                isbn="9786041234567",
                pages=320,
                subject=subject,
                grade_band="thpt",
                cover_image=images[i % len(images)],
                code=f"LS-{i:04d}",
                call_number="959.7 NG-A",
                shelf="Kệ A3",
                copies=3,
                ebook=ebook if i % 2 == 0 else None,
                reading_url="https://example.com/doc",
                audio_url="https://example.com/audio",
            )
        )

    streets = home.add_child(
        instance=StreetIndexPage(**common("Tuyến đường", images), intro=rich(LOREM))
    )
    for i in range(40):
        street = streets.add_child(
            instance=StreetPage(
                **common(f"Đường Hoàng Hoa Thám {i + 1}", images),
                namesake="Hoàng Hoa Thám (1858–1913)",
                namesake_bio=rich(LOREM, LOREM),
                former_names="Đường số 5 (trước 1955)",
                decision_number="24/QĐ-UBND",
                decision_date=date(2001, 3, 2),
                decision_body="UBND TP. Hồ Chí Minh",
                length_m=1850,
                width_m="12.5",
                start_point="Ngã tư Cộng Hòa",
                start_location="10.8001, 106.6501",
                end_point="Cầu Bông",
                end_location="10.7901, 106.6901",
                local_specialties=rich(LOREM),
                suggested_tours=rich(LOREM),
                location=f"10.79{i:02d}, 106.65{i:02d}",
                **located,
            )
        )
    for i in range(12):
        StreetPlace.objects.create(
            page=street,
            name=f"Địa điểm {i + 1}",
            category="cho",
            address=f"{i + 10} Hoàng Hoa Thám",
            phone="028 3829 1234",
            location="10.7950, 106.6550",
        )

    sites = home.add_child(
        instance=HeritageIndexPage(**common("Di tích", images), intro=rich(LOREM))
    )
    sites.add_child(
        instance=HeritageSitePage(
            **common("Địa đạo Củ Chi", images),
            other_names="Căn cứ địa Củ Chi",
            kind="cach_mang",
            ranking="quoc_gia_dac_biet",
            ranking_decision_number="2383/QĐ-TTg",
            ranking_decision_date=date(2015, 12, 9),
            period="Kháng chiến chống Pháp và chống Mỹ",
            history=timeline(images),
            notable_people=[
                {
                    "type": "person",
                    "value": {
                        "name": f"Anh hùng {i}",
                        "role": "Du kích",
                        "phone": "",
                        "photo": images[i].pk,
                        "bio": LOREM,
                    },
                }
                for i in range(4)
            ],
            notable_events=rich(LOREM, LOREM),
            visiting_hours="7g00 – 17g00 hằng ngày",
            fee="35.000 đồng/người",
            phone="028 3794 8830",
            email="diadao@example.vn",
            videos=[{"type": "video", "value": {"video": video_url, "caption": "Phim tư liệu"}}],
            panorama_url="https://example.com/360",
            location="11.1426, 106.4630",
            **located,
        )
    )

    offices = home.add_child(
        instance=OfficeIndexPage(**common("Văn phòng khu phố", images), intro=rich(LOREM))
    )
    office = offices.add_child(
        instance=NeighbourhoodOfficePage(
            **common("Khu phố 3, Phường Bến Nghé", images),
            former_units="Khu phố 3 cũ\nKhu phố 4 cũ",
            phone="028 3822 1111",
            opening_hours="Thứ 2 – Thứ 6: 7g30 – 11g30",
            location="10.7780, 106.7010",
            **located,
        )
    )
    for role in (
        "truong_khu_pho",
        "bi_thu_chi_bo",
        "bi_thu_chi_doan",
        "truong_ban_mat_tran",
        "cong_an_khu_vuc",
    ):
        Officer.objects.create(page=office, role=role, name="Nguyễn Văn Bình", phone="0912 345 678")

    home.add_child(instance=MapPage(**common("Bản đồ số", images), intro=rich(LOREM)))
    home.featured_pages = [
        {"type": "page", "value": p.pk} for p in (school, library, street, office)
    ]
    home.save()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
