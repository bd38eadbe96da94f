"""Print budget: the label sheet for a library of 1,500 books must take at most 10 seconds.

Builds fake labels (Vietnamese titles, book codes, call numbers, short links on a public
origin as long as a real one) without a database, and times in the same run:

- the baseline: encoding the same number of QR codes alone (segno), and making them into
  "screen" PNGs — the least any printed form of those codes can cost;
- the label sheet (3×8 on A4) for 1,500 and for 2,000 books, from a cold code cache, as the
  first print of a library is.

    python bench/qr_labels.py            # 1,500 and 2,000 labels
    python bench/qr_labels.py --count 300 --base-url https://doantn.quan1.example.vn

Exits with status 1 when 1,500 labels take longer than the budget, so it can run in CI.
"""

import argparse
import io
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_SECONDS = 10.0
BUDGET_COUNT = 1500

TITLES = [
    "Dế Mèn phiêu lưu ký",
    "Tắt đèn",
    "Số đỏ",
    "Truyện Kiều",
    "Nhật ký trong tù",
    "Đất rừng phương Nam",
    "Tuổi thơ dữ dội",
    "Cho tôi xin một vé đi tuổi thơ",
    "Lịch sử Việt Nam",
    "Việt Nam sử lược",
    "Khoa học tự nhiên",
    "Kỹ năng sống cho học sinh",
    "Toán học vui",
    "Từ điển Tiếng Việt",
    "Những ngôi sao xa xôi",
    "Chiếc lược ngà",
    "Vợ chồng A Phủ",
    "Hà Nội băm sáu phố phường",
]
SUFFIXES = ["", " – tập 1", " – tập 2", " (tái bản lần thứ 5)", ", bản có minh hoạ màu"]


def fake_labels(count, base_url, seed=2024):
    """Plausible labels for a library: Vietnamese titles, codes VH-00001…, short links."""
    rng = random.Random(seed)
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    labels = []
    for n in range(1, count + 1):
        code = "".join(rng.choice(alphabet) for _ in range(5))
        labels.append(
            {
                "url": f"{base_url}/q/{code}",
                "title": rng.choice(TITLES) + rng.choice(SUFFIXES),
                "code": f"VH-{n:05d}",
                "call_number": f"{rng.randint(100, 999)}.{rng.randint(1, 99)} {code[:4]}",
            }
        )
    return labels


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, action="append", help="labels to print")
    parser.add_argument(
        "--base-url",
        default="https://sohoa.example.vn",
        help="the public origin in the links: its length decides the size of the codes",
    )
    args = parser.parse_args()
    counts = args.count or [BUDGET_COUNT, 2000]

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()
    from cms.qr import render

    render.register_fonts()  # once per process, as in a running server; not what is measured
    print(f"QR label sheets, 3×8 on A4, links on {args.base_url}, {os.cpu_count()} CPUs")
    over_budget = False
    for count in counts:
        labels = fake_labels(count, args.base_url.rstrip("/"))
        urls = [label["url"] for label in labels]

        render.qr_matrix.cache_clear()
        encode, _ = timed(lambda urls=urls: [render.qr_matrix(url) for url in urls])
        render.qr_matrix.cache_clear()
        pngs, _ = timed(lambda urls=urls: [render.qr_png(url, "screen") for url in urls])

        render.qr_matrix.cache_clear()
        output = io.BytesIO()
        sheet, _ = timed(
            lambda labels=labels, output=output: render.label_sheet_pdf(
                labels, unit_name="Thư viện Trường THPT Nguyễn Du", output=output
            )
        )
        pages = -(-count // 24)
        print(
            f"{count:>5} labels: {sheet:6.2f} s  {count / sheet:6.0f} labels/s  "
            f"{pages} pages  {len(output.getvalue()) / 1024:,.0f} KB PDF\n"
            f"       baseline: encoding the codes alone {encode:6.2f} s, "
            f"as screen PNGs {pngs:6.2f} s; the sheet costs {sheet / encode:4.2f}× encoding"
        )
        if count == BUDGET_COUNT and sheet > BUDGET_SECONDS:
            over_budget = True
            print(f"       OVER BUDGET: {BUDGET_COUNT} labels must print in {BUDGET_SECONDS:.0f} s")
    return 1 if over_budget else 0


if __name__ == "__main__":
    sys.exit(main())
