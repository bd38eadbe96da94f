"""Page views per second with counting on and off (same server, same run), and how fast the
dashboard's queries read a year of daily counts.

Requests per second: migrates a throwaway SQLite file, loads the demo content (`load_demo`)
and starts one server process (Django's threaded WSGI server, the test settings: DEBUG off,
no secrets needed). `--clients` threads then request the demo's public pages as phones, new
connection each, for `--seconds` with counting on, then off, for `--rounds` rounds, the order
flipped every round so that a drift in the machine's speed hits both modes alike. The bench
switches the server between modes through a URL of its own wrapper (not a URL of the site).
At the end the server is stopped the way a server is (SIGTERM, clean exit), so it writes its
last counts at exit; the daily table must then hold every view made in counting-on rounds, in
one row per page and day.

Queries: on another throwaway SQLite file, inserts `--pages` pages (bench/search_data.py's
bulk generator) and a year of daily view counts for a share `--density` of page-days (0.1:
each page read on one day in ten; 1.0: every page every day), then times counts_by_page,
counts_by_day and counts_by_subtree (one row per school, library and section) over the year
and over a month.

    python bench/counting.py                              # both parts (~4 min)
    python bench/counting.py --skip-queries               # requests per second only
    python bench/counting.py --skip-requests --density 1  # queries, every page every day

Exits with 1 if the on/off ratio is below 0.8 or a view made with counting on is missing.
"""

import argparse
import datetime
import http.client
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PHONE = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 Chrome/124.0 Mobile Safari/537.36"
SWITCH_PATH = "/__bench__/counting"
TARGET_RATIO = 0.8
WARM_UP_SECONDS = 3


# --- The server process -----------------------------------------------------------------------


def serve(port):
    """Run the site on 127.0.0.1:`port` until SIGTERM; `SWITCH_PATH?on|off` switches counting."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    site = get_wsgi_application()

    def application(environ, start_response):
        if environ["PATH_INFO"] == SWITCH_PATH:
            settings.SOHOA_COUNTING = environ.get("QUERY_STRING") == "on"
            start_response("204 No Content", [])
            return [b""]
        return site(environ, start_response)

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadedWSGIServer(("127.0.0.1", port), QuietHandler)
    server.set_app(application)
    # shutdown() waits for serve_forever() to return, so it cannot run in serve_forever's thread.
    signal.signal(
        signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown, daemon=True).start()
    )
    server.serve_forever()
    server.server_close()
    # Returning ends the process normally: the counts still in memory are written at exit.


# --- Requests per second ----------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port, path, user_agent=PHONE):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"User-Agent": user_agent, "Host": "127.0.0.1"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def wait_until_serving(port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def load(port, paths, clients, seconds):
    """(successful requests, seconds) of `clients` threads requesting `paths` in turn."""
    done, failures = [0] * clients, []
    deadline = time.perf_counter() + seconds

    def client(number):
        turn = number
        while time.perf_counter() < deadline:
            status = get(port, paths[turn % len(paths)])
            turn += 1
            if status == 200:
                done[number] += 1
            else:
                failures.append((paths[turn % len(paths)], status))

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit(f"{len(failures)} requests failed, e.g. {failures[:3]}")
    return sum(done), time.perf_counter() - started


def public_page_paths(limit=40):
    """Paths of the demo's live public pages, every kind represented."""
    from wagtail.models import Page

    pages = Page.objects.live().public().filter(depth__gt=1).specific().order_by("path")
    by_kind = {}
    for page in pages:
        by_kind.setdefault(type(page).__name__, []).append(page.get_url())
    paths = []
    while len(paths) < limit and any(by_kind.values()):
        for urls in by_kind.values():
            if urls and len(paths) < limit:
                paths.append(urls.pop(0))
    return paths


def measure_requests(options, workdir):
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count, Sum

    from cms.counting import PageCountDay

    print("Loading the demo content…", flush=True)
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)
    paths = public_page_paths()
    connection.close()

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(port)],
        env=os.environ.copy(),
        cwd=ROOT,
        stderr=open(Path(workdir) / "server.log", "w"),  # noqa: SIM115
    )
    results = {"on": [], "off": []}
    try:
        wait_until_serving(port)
        get(port, f"{SWITCH_PATH}?off")
        # Every page once (its image renditions are made on the first view), then under load.
        for path in paths:
            get(port, path)
        load(port, paths, options.clients, WARM_UP_SECONDS)
        print(
            f"{len(paths)} demo pages, {options.clients} clients, {options.rounds} rounds of "
            f"{options.seconds:g} s per mode (threaded WSGI server, SQLite file, DEBUG off)"
        )
        print(f"{'round':>5}  {'mode':<4} {'requests':>9} {'rps':>8}")
        for round_number in range(options.rounds):
            modes = ("on", "off") if round_number % 2 == 0 else ("off", "on")
            for mode in modes:
                get(port, f"{SWITCH_PATH}?{mode}")
                requests, seconds = load(port, paths, options.clients, options.seconds)
                results[mode].append((requests, seconds))
                print(f"{round_number + 1:>5}  {mode:<4} {requests:>9,} {requests / seconds:>8.1f}")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)

    rps = {
        mode: sum(r for r, _ in runs) / sum(s for _, s in runs) for mode, runs in results.items()
    }
    ratio = rps["on"] / rps["off"]
    per_round = [
        on[0] / on[1] / (off[0] / off[1])
        for on, off in zip(results["on"], results["off"], strict=True)
    ]
    views = sum(requests for requests, _ in results["on"])
    table = PageCountDay.objects.aggregate(rows=Count("id"), total=Sum("count", default=0))
    print(f"counting on : {rps['on']:8.1f} requests/s")
    print(f"counting off: {rps['off']:8.1f} requests/s")
    print(
        f"ratio on/off: {ratio:8.3f} (target ≥ {TARGET_RATIO}; per round "
        f"{', '.join(f'{value:.3f}' for value in per_round)}, median "
        f"{statistics.median(per_round):.3f})"
    )
    print(
        f"views made with counting on: {views:,}; daily table afterwards: {table['rows']} rows "
        f"holding {table['total']:,} views ({views / max(table['rows'], 1):,.0f} hits per row)"
    )
    complete = table["total"] == views
    print("every view counted:", "yes" if complete else f"NO ({views - table['total']} missing)")
    return ratio >= TARGET_RATIO and complete


# --- Queries --------------------------------------------------------------------------------------


def timed(function, *args, repeat=3, **kwargs):
    """(result, best seconds of `repeat` calls)."""
    best, result = None, None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function(*args, **kwargs)
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return result, best


def insert_daily_counts(page_ids, year, density, seed):
    """A year of view counts for a share `density` of page-days, in one transaction."""
    from django.db import connection, transaction

    from cms.counting import CountKind, PageCountDay

    rng = random.Random(seed)
    first = datetime.date(year, 1, 1)
    days = [
        connection.ops.adapt_datefield_value(first + datetime.timedelta(days=n)) for n in range(365)
    ]
    table = connection.ops.quote_name(PageCountDay._meta.db_table)
    sql = (
        f"INSERT INTO {table} (page_id, day, kind, count, former_title, former_path) "
        "VALUES (%s, %s, %s, %s, '', '')"
    )
    rows = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for page_id in page_ids:
            batch = [
                (page_id, day, CountKind.VIEW, rng.randint(1, 40))
                for day in days
                if density >= 1 or rng.random() < density
            ]
            cursor.executemany(sql, batch)
            rows += len(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return rows


def measure_queries(options):
    from django.db import connection
    from wagtail.models import Page

    from bench.search_data import generate
    from cms.counting import CountKind, counts_by_day, counts_by_page, counts_by_subtree
    from home.models import SchoolPage
    from library.models import LibraryPage

    # About 70% books, the rest streets, heritage sites and offices, as a province's site.
    pages = options.pages
    started = time.perf_counter()
    generate(
        books=pages * 70 // 100,
        libraries=max(1, pages // 200),
        streets=pages * 15 // 100,
        heritage_sites=pages * 7 // 100,
        offices=pages * 7 // 100,
        log=lambda *args, **kwargs: None,
    )
    page_ids = list(Page.objects.filter(depth__gt=2).values_list("pk", flat=True))
    # A past year: the request part's counts are this year's.
    rows = insert_daily_counts(page_ids, 2025, options.density, seed=2024)
    print(
        f"\n{len(page_ids):,} pages, {rows:,} daily rows for 2025 (density {options.density:g}), "
        f"built in {time.perf_counter() - started:.0f} s; SQLite "
        f"{connection.Database.sqlite_version}; best of 3"
    )
    year = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    march = (datetime.date(2025, 3, 1), datetime.date(2025, 3, 31))
    # The units of a report: the sections under the home page, every school and library.
    units = [
        *Page.objects.filter(depth=3).values_list("pk", flat=True),
        *SchoolPage.objects.values_list("pk", flat=True),
        *LibraryPage.objects.values_list("pk", flat=True),
    ]
    one_library = LibraryPage.objects.order_by("path").first()
    view = CountKind.VIEW
    cases = [
        ("counts_by_page, every page, the year", counts_by_page, (view, *year), {}),
        ("counts_by_page, every page, March", counts_by_page, (view, *march), {}),
        ("counts_by_day, every page, the year", counts_by_day, (view, *year), {}),
        (
            "counts_by_day, one library's subtree, the year",
            counts_by_day,
            (view, *year),
            {"pages": one_library},
        ),
        (
            f"counts_by_subtree, {len(units)} units, the year",
            counts_by_subtree,
            (view, *year, units),
            {},
        ),
    ]
    print(f"{'query':<52} {'results':>8} {'seconds':>8}")
    for label, function, args, kwargs in cases:
        result, seconds = timed(function, *args, **kwargs)
        print(f"{label:<52} {len(result):>8,} {seconds:>8.3f}")


# --- Both ---------------------------------------------------------------------------------------


def setup_django(workdir):
    from django.core.management import call_command

    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    # Test settings: DEBUG off, no secrets needed; media in the throwaway directory.
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    os.environ["TEST_MEDIA_ROOT"] = f"{workdir}/media"
    import django

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10, help="per mode and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pages", type=int, default=20_000, help="pages for the queries")
    parser.add_argument("--density", type=float, default=0.1, help="share of page-days counted")
    parser.add_argument("--skip-requests", action="store_true")
    parser.add_argument("--skip-queries", action="store_true")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.serve:
        serve(options.serve)
        return 0

    passed = True
    with tempfile.TemporaryDirectory(prefix="sohoa-counting-bench-") as workdir:
        setup_django(workdir)
        if not options.skip_requests:
            passed = measure_requests(options, workdir)
        if not options.skip_queries:
            # On the same database: the generated pages join the demo's.
            measure_queries(options)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
