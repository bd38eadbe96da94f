"""How fast a scanned code lands: `/q/<code>` against a small static file, same server, same run.

Starts the site (runserver, no reloader) on a throwaway SQLite database with one published
page and its QR code, then requests, interleaved so both see the same machine load:

- a small static file (the baseline: the least any response costs on this server);
- `/q/<code>` as a phone scanning it (redirect + today's counter incremented);
- `/q/<code>` as a link-preview bot (redirect, nothing written).

    python bench/qr_redirect.py              # 400 requests of each kind
    python bench/qr_redirect.py --requests 1000

Prints median and p95 latency in milliseconds and the ratio to the static file.
"""

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHONE = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 Chrome/124.0 Mobile Safari/537.36"
BOT = "facebookexternalhit/1.1"
STATIC_PATH = "/static/js/job-progress.js"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, check=True, cwd=ROOT)


def prepare_database(env):
    manage(env, "migrate", "--noinput", "-v0")
    script = (
        "from heritage.models import StreetIndexPage, StreetPage;"
        "from home.models import HomePage;"
        "from cms.qr.models import QRCode;"
        "home = HomePage.objects.first();"
        "index = home.add_child(instance=StreetIndexPage(title='Tuyến đường'));"
        "street = index.add_child(instance=StreetPage(title='Đường Hoàng Hoa Thám'));"
        "street.save_revision().publish();"
        "print(QRCode.objects.get(page=street).code)"
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", script],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip().splitlines()[-1]


def wait_until_serving(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def timed_get(port, path, user_agent):
    """Milliseconds for one request on a new connection, as a phone opening a link has."""
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"User-Agent": user_agent, "Host": "127.0.0.1"})
    response = connection.getresponse()
    response.read()
    connection.close()
    elapsed = (time.perf_counter() - start) * 1000
    return response.status, elapsed


def summary(name, samples, baseline=None):
    ordered = sorted(samples)
    median = statistics.median(ordered)
    p95 = ordered[max(0, round(len(ordered) * 0.95) - 1)]
    ratio = f"{median / baseline:5.2f}×" if baseline else "  1.00×"
    print(f"{name:<34} {median:8.2f} {p95:8.2f}   {ratio}")
    return median


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="sohoa-bench-") as workdir:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
            "DATABASE_URL": f"sqlite:///{workdir}/bench.sqlite3",
            "MEDIA_ROOT": f"{workdir}/media",
            "SITE_BASE_URL": "https://sohoa.example.vn",
        }
        code = prepare_database(env)
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "runserver",
                "--noreload",
                f"127.0.0.1:{port}",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_serving(port)
            kinds = {
                "static file (baseline)": (STATIC_PATH, PHONE, 200),
                f"/q/{code} scanned by a phone": (f"/q/{code}", PHONE, 302),
                f"/q/{code} fetched by a bot": (f"/q/{code}", BOT, 302),
            }
            for path, agent, _status in kinds.values():  # warm up caches and connections
                for _ in range(10):
                    timed_get(port, path, agent)
            samples = {name: [] for name in kinds}
            for _ in range(options.requests):
                for name, (path, agent, expected) in kinds.items():
                    status, elapsed = timed_get(port, path, agent)
                    if status != expected:
                        raise SystemExit(f"{path}: HTTP {status}, expected {expected}")
                    samples[name].append(elapsed)
        finally:
            server.terminate()
            server.wait()

    print(
        f"{options.requests} requests of each kind, interleaved, new connection each "
        "(runserver, SQLite)"
    )
    print(f"{'':<34} {'median':>8} {'p95':>8}   vs static (ms)")
    names = list(kinds)
    baseline = summary(names[0], samples[names[0]])
    for name in names[1:]:
        summary(name, samples[name], baseline)


if __name__ == "__main__":
    main()
