"""`/api/places/` at 5,000 and 50,000 located pages: latency and payload, same run.

On a throwaway database (a temporary SQLite file, or PostgreSQL with ``--postgres``):
migrates, inserts located pages in bulk with ``cms.importing.tree`` (the spreadsheet
importer's helpers: ids allocated first, treebeard paths computed, two multi-row INSERTs per
kind), then for each size of ``--sizes`` (the second size adds to the first) times, through
Django's test client (URL routing, middleware with GZip, the view; no network), interleaved
so every row sees the same machine load:

- the baseline: fetching 20 pages by primary key — the least any page of the site costs;
- ``/api/places/`` cold: the cached collection forgotten before each request, so the
  database is read and the whole collection built, serialised and compressed;
- ``/api/places/`` cached, as a browser asks for it (gzip) and as curl does (identity);
- ``?bbox=``: a box the size of an urban district (about 3.3 × 3.3 km) around a place;
- ``?near=lat,lng``: the 50 nearest places to a point in or around a city;
- the map page as a reader without JavaScript gets it: the list of places by kind (50 of each)
  and one kind's first page (``?kind=street``, 100 places).

Places are spread over Vietnam the way campaigns fill it: most in clusters around sixteen
cities (Hà Nội and Hồ Chí Minh City the largest), the rest scattered around them; kinds are
streets 40%, neighbourhood offices 20%, schools 15%, heritage sites 15%, libraries 10%; one
page in three has one of 40 photos (so the image path and its URLs are part of the payload).

    python bench/places.py                       # SQLite, 5,000 then 50,000 places
    python bench/places.py --sizes 2000          # quick run
    python bench/places.py --postgres            # a throwaway PostgreSQL cluster

Prints, per size, n/median/p95 milliseconds and the ratio to the baseline, features, queries
and payload size raw and gzipped.
"""

import argparse
import gzip
import io
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.harness import run_under_postgres, throwaway_django  # noqa: E402

# (name, lat, lng, weight, spread in degrees)
CITIES = [
    ("Hồ Chí Minh", 10.7769, 106.7009, 25, 0.09),
    ("Hà Nội", 21.0285, 105.8542, 20, 0.08),
    ("Hải Phòng", 20.8449, 106.6881, 6, 0.05),
    ("Đà Nẵng", 16.0544, 108.2022, 6, 0.05),
    ("Cần Thơ", 10.0452, 105.7469, 5, 0.05),
    ("Huế", 16.4637, 107.5909, 4, 0.04),
    ("Biên Hòa", 10.9574, 106.8427, 4, 0.04),
    ("Nha Trang", 12.2388, 109.1967, 3, 0.04),
    ("Vinh", 18.6796, 105.6813, 3, 0.04),
    ("Buôn Ma Thuột", 12.6667, 108.0383, 3, 0.04),
    ("Quy Nhơn", 13.7820, 109.2196, 2, 0.03),
    ("Thái Nguyên", 21.5942, 105.8482, 2, 0.03),
    ("Nam Định", 20.4388, 106.1621, 2, 0.03),
    ("Long Xuyên", 10.3864, 105.4352, 2, 0.03),
    ("Đà Lạt", 11.9404, 108.4583, 2, 0.03),
    ("Hạ Long", 20.9599, 107.0425, 2, 0.03),
]
SCATTERED = 0.15  # share of places in the countryside around a city
SCATTER_SPREAD = 0.5
KIND_SHARES = [("street", 40), ("office", 20), ("school", 15), ("heritage", 15), ("library", 10)]
IMAGE_SHARE = 1 / 3
IMAGES = 40
BATCH = 5000
DISTRICT_BOX_DEGREES = 0.03  # about 3.3 km at these latitudes: an urban district


def percentile_95(samples):
    ordered = sorted(samples)
    return ordered[max(0, round(len(ordered) * 0.95) - 1)]


# Data ----------------------------------------------------------------------------------------


class PlaceMaker:
    """Located pages of every kind, with Vietnamese names and addresses, seeded."""

    def __init__(self, rng):
        from bench.search_data import Names

        self.rng = rng
        self.names = Names(rng)
        self.weights = [city[3] for city in CITIES]

    def point(self):
        from cms.geo import VIETNAM_BOUNDS

        rng = self.rng
        _name, lat, lng, _weight, spread = rng.choices(CITIES, self.weights)[0]
        if rng.random() < SCATTERED:
            spread = SCATTER_SPREAD
        lat = min(max(rng.gauss(lat, spread), VIETNAM_BOUNDS["south"]), VIETNAM_BOUNDS["north"])
        lng = min(max(rng.gauss(lng, spread), VIETNAM_BOUNDS["west"]), VIETNAM_BOUNDS["east"])
        return round(lat, 6), round(lng, 6)

    def fields(self, kind, number):
        """(title, own field values) of one place of `kind`."""
        from bench import search_data as words
        from cms.geo import LatLng

        rng, names = self.rng, self.names
        lat, lng = self.point()
        district, ward = names.district(), names.ward()
        place = {
            "address": f"{rng.randint(1, 450)} {rng.choice(words.NOTABLE_PEOPLE)}",
            "ward": ward,
            "district": district,
            "province": rng.choice(CITIES)[0],
            "location": LatLng(lat=lat, lng=lng).to_wkt(),
            "latitude": lat,
            "longitude": lng,
        }
        person = rng.choice(words.NOTABLE_PEOPLE)
        if kind == "street":
            title = f"{rng.choice(words.STREET_KINDS)} {person}"
            summary = f"{title} thuộc {ward}, {district}, mang tên {person}."
            own = {"namesake": person, "length_m": rng.randint(150, 5000)}
        elif kind == "office":
            title = f"Văn phòng Khu phố {rng.randint(1, 30)}, {ward}"
            summary = f"Nơi làm việc của ban điều hành khu phố, {district}."
            own = {"opening_hours": "Thứ Hai – Thứ Sáu: 7:30 – 11:30"}
        elif kind == "school":
            level, level_words = rng.choice(words.SCHOOL_LEVEL_WORDS)
            title = f"{level_words} {person}"
            summary = f"{title}, {ward}, {district}."
            own = {"level": level, "founded_year": rng.randint(1950, 2015)}
        elif kind == "heritage":
            heritage_kind, prefix = rng.choice(words.HERITAGE_PREFIXES)
            title = f"{prefix} {rng.choice(words.HERITAGE_NAMES)}"
            period = rng.choice(words.PERIODS)
            summary = f"{title} ở {ward}, {district}, có từ {period}."
            own = {"kind": heritage_kind, "period": period}
        else:
            title = f"Thư viện {person} {number}"
            summary = f"Thư viện cộng đồng của {ward}, mở cửa cho học sinh và phụ huynh."
            own = {"opening_hours": "Thứ Hai – Thứ Sáu: 7:00 – 16:30"}
        return title, {"summary": summary, **place, **own}


def make_images(count):
    """`count` small photos (drawn locally) for the pages that have one."""
    from django.core.files.base import ContentFile
    from PIL import Image as PillowImage
    from wagtail.images import get_image_model

    from cms.tests.factories import root_collection

    image_model = get_image_model()
    images = []
    for n in range(count):
        buffer = io.BytesIO()
        PillowImage.new("RGB", (640, 480), ((n * 53) % 256, (n * 97) % 256, 120)).save(
            buffer, "JPEG"
        )
        image = image_model(
            title=f"Ảnh địa điểm {n}",
            collection=root_collection(),
            file=ContentFile(buffer.getvalue(), name=f"dia-diem-{n}.jpg"),
        )
        image.save()
        images.append(image.pk)
    return images


class Sections:
    """One index page per kind under the home page (libraries sit under the home page)."""

    def __init__(self):
        from wagtail.models import Site

        from heritage.models import (
            HeritageIndexPage,
            HeritageSitePage,
            NeighbourhoodOfficePage,
            OfficeIndexPage,
            StreetIndexPage,
            StreetPage,
        )
        from home.models import SchoolIndexPage, SchoolPage
        from library.models import LibraryPage

        home = Site.objects.get(is_default_site=True).root_page.specific

        def index(model, title, slug):
            return home.add_child(instance=model(title=title, slug=slug))

        from home.models import MapPage

        self.map_page = home.add_child(instance=MapPage(title="Bản đồ", slug="ban-do"))
        self.parents = {
            "street": (index(StreetIndexPage, "Tuyến đường", "tuyen-duong"), StreetPage),
            "office": (index(OfficeIndexPage, "Khu phố", "khu-pho"), NeighbourhoodOfficePage),
            "school": (index(SchoolIndexPage, "Trường học", "truong-hoc"), SchoolPage),
            "heritage": (index(HeritageIndexPage, "Di tích", "di-tich"), HeritageSitePage),
            "library": (home, LibraryPage),
        }


def add_places(sections, count, rng, images, log=print):
    """Insert `count` live located pages, kinds by KIND_SHARES; return counts by kind."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone

    from cms.importing import tree

    maker = PlaceMaker(rng)
    kinds = rng.choices(
        [kind for kind, _ in KIND_SHARES], [share for _, share in KIND_SHARES], k=count
    )
    counts = {kind: kinds.count(kind) for kind, _ in KIND_SHARES}
    now = timezone.now()
    with transaction.atomic():
        for kind, total in counts.items():
            parent, model = sections.parents[kind]
            parent.refresh_from_db()
            content_type = ContentType.objects.get_for_model(model)
            slugs = tree.SlugAllocator(parent)
            number = tree.last_child_number(parent)
            for start in range(0, total, BATCH):
                size = min(BATCH, total - start)
                pages = []
                for page_id in tree.allocate_page_ids(size):
                    number += 1
                    title, values = maker.fields(kind, number)
                    page = model(title=title, **values)
                    page.id = page.page_ptr_id = page_id
                    page.path = parent.path + tree.path_step(number)
                    page.depth = parent.depth + 1
                    page.numchild = 0
                    page.slug = slugs.slug_for(title)
                    page.url_path = f"{parent.url_path}{page.slug}/"
                    page.draft_title = title
                    page.locale_id = parent.locale_id
                    page.content_type = content_type
                    page.live = True
                    page.has_unpublished_changes = False
                    page.first_published_at = page.last_published_at = now
                    if rng.random() < IMAGE_SHARE:
                        page.main_image_id = rng.choice(images)
                    pages.append(page)
                tree.insert_pages(model, pages)
            tree.recount_children(parent)
            log(f"  {model.__name__:<26} +{total:,}")
    return counts


# Measuring -----------------------------------------------------------------------------------


def measure(rounds, cold_rounds, rng, map_url):
    """Interleaved samples per row: ({row: [ms]}, {row: [queries]}, {row: [payload sizes]})."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cms.places import forget_cached_places
    from heritage.models import StreetPage

    client = Client()
    places = list(StreetPage.objects.values_list("latitude", "longitude")[:5000])
    page_ids = list(StreetPage.objects.values_list("pk", flat=True)[:5000])
    half = DISTRICT_BOX_DEGREES / 2

    def baseline():
        list(StreetPage.objects.filter(pk__in=rng.sample(page_ids, 20)))

    def cold():
        forget_cached_places()
        return client.get("/api/places/", HTTP_ACCEPT_ENCODING="gzip")

    def cached_gzip():
        return client.get("/api/places/", HTTP_ACCEPT_ENCODING="gzip")

    def cached_identity():
        return client.get("/api/places/")

    def district_box():
        lat, lng = rng.choice(places)
        box = f"{lng - half:.5f},{lat - half:.5f},{lng + half:.5f},{lat + half:.5f}"
        return client.get(f"/api/places/?bbox={box}", HTTP_ACCEPT_ENCODING="gzip")

    def near():
        _name, lat, lng, _weight, spread = rng.choice(CITIES)
        point = f"{rng.gauss(lat, spread):.5f},{rng.gauss(lng, spread):.5f}"
        return client.get(f"/api/places/?near={point}", HTTP_ACCEPT_ENCODING="gzip")

    def map_page():
        return client.get(map_url, HTTP_ACCEPT_ENCODING="gzip")

    def map_page_one_kind():
        return client.get(f"{map_url}?kind=street", HTTP_ACCEPT_ENCODING="gzip")

    rows = {
        "baseline: 20 pages by pk": baseline,
        "/api/places/ cold (gzip)": cold,
        "/api/places/ cached (gzip)": cached_gzip,
        "/api/places/ cached (identity)": cached_identity,
        "?bbox= district-sized (gzip)": district_box,
        "?near= 50 nearest (gzip)": near,
        "map page, no JS (gzip)": map_page,
        "map page ?kind=street (gzip)": map_page_one_kind,
    }
    samples = {name: [] for name in rows}
    queries = {name: [] for name in rows}
    sizes = {name: [] for name in rows}
    for call in rows.values():  # warm up: connections, content types, renditions, the cache
        call()
    for i in range(rounds):
        for name, call in rows.items():
            if call is cold and i >= cold_rounds:
                continue
            with CaptureQueriesContext(connection) as context:
                started = time.perf_counter()
                response = call()
                samples[name].append((time.perf_counter() - started) * 1000)
            queries[name].append(len(context.captured_queries))
            if response is not None:
                assert response.status_code == 200, response.content[:300]
                sizes[name].append(payload_sizes(response))
    return samples, queries, sizes


def payload_sizes(response):
    """(features or listed places, raw bytes, gzip bytes) of one answer, whichever encoding it
    came in."""
    import json

    from django.utils.text import compress_string

    if response.get("Content-Encoding") == "gzip":
        compressed = response.content
        raw = gzip.decompress(compressed)
    else:
        raw = response.content
        compressed = compress_string(raw)
    if response["Content-Type"].startswith("text/html"):
        return raw.count(b'<li class="place">'), len(raw), len(compressed)
    return len(json.loads(raw)["features"]), len(raw), len(compressed)


def report(engine, total, samples, queries, sizes):
    baseline = statistics.median(samples["baseline: 20 pages by pk"])
    print()
    print(f"{engine}, {total:,} located pages")
    print(
        f"{'':<32} {'n':>4} {'median':>9} {'p95':>9} {'vs base':>8} {'queries':>8}"
        f" {'features':>9} {'raw KB':>9} {'gzip KB':>8}"
    )
    for name, row in samples.items():
        median = statistics.median(row)
        line = (
            f"{name:<32} {len(row):4} {median:9.2f} {percentile_95(row):9.2f}"
            f" {median / baseline:7.1f}× {statistics.median(queries[name]):8.0f}"
        )
        if sizes[name]:
            features = statistics.median(size[0] for size in sizes[name])
            raw = statistics.median(size[1] for size in sizes[name]) / 1024
            packed = statistics.median(size[2] for size in sizes[name]) / 1024
            line += f" {features:9,.0f} {raw:9,.1f} {packed:8,.1f}"
        print(line, flush=True)


# Running -------------------------------------------------------------------------------------


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="5000,50000", help="located pages to measure at, rising (5000,50000)"
    )
    parser.add_argument("--rounds", type=int, default=50, help="requests per row")
    parser.add_argument("--cold-rounds", type=int, default=10, help="cold requests per size")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--postgres", action="store_true")
    options = parser.parse_args(argv)
    sizes = sorted(int(size) for size in options.sizes.split(","))

    if options.postgres:
        status = run_under_postgres(__file__, argv)
        if status is not None:
            return status

    with throwaway_django("sohoa-places-bench-", options.postgres) as (workdir, engine):
        from django.db import connection

        rng = random.Random(options.seed)
        images = make_images(IMAGES)
        sections = Sections()
        total = 0
        for size in sizes:
            started = time.perf_counter()
            print(f"{engine}: adding {size - total:,} located pages", flush=True)
            add_places(sections, size - total, rng, images)
            total = size
            print(f"  inserted in {time.perf_counter() - started:.1f} s", flush=True)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("VACUUM ANALYZE")
            samples, queries, payloads = measure(
                options.rounds,
                options.cold_rounds,
                random.Random(options.seed),
                sections.map_page.url,
            )
            report(engine, total, samples, queries, payloads)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
