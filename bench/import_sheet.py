"""Importing a 10,000-book sheet into a fresh library, against adding the books one by one.

On a throwaway SQLite database (a temporary file, migrated here), builds a 10,000-row .xlsx
book list like a school library's (title lines, an STT column, Vietnamese headers, codes,
ISBNs, subjects, grade bands), then times ``cms.importing``: reading the file, planning
(every row validated and matched), and writing (pages, revisions, QR codes, search index).
Then, as the baseline, creates ``--one-by-one`` of the same books the way the admin does,
``library.add_child(instance=BookPage(...))`` + ``save_revision().publish()``, and
extrapolates that to the sheet's size.

    python bench/import_sheet.py                  # 10,000 rows, 300 one by one
    python bench/import_sheet.py --rows 2000 --one-by-one 100

Prints seconds and rows/s for each step and the ratio; exits with status 1 when the import
takes more than the 60-second budget (or the page tree is left invalid).
"""

import argparse
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BUDGET_SECONDS = 60.0
HEADERS = [
    "STT",
    "Tên sách",
    "Tác giả",
    "NXB",
    "Năm XB",
    "Số ĐKCB",
    "ISBN",
    "Môn loại",
    "Chủ đề",
    "Cấp học",
    "Số lượng",
    "Số trang",
    "Tóm tắt",
]
GRADE_BANDS = ["Mầm non", "Tiểu học", "THCS", "THPT", "Mọi lứa tuổi"]


def isbn13(rng):
    digits = [9, 7, 8, 6, 0, 4] + [rng.randrange(10) for _ in range(6)]
    check = (10 - sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10) % 10
    return "".join(map(str, digits)) + str(check)


def book_rows(count, seed):
    from bench.search_data import BOOK_SENTENCES, PUBLISHERS, Names, book_title
    from library.models import Subject

    rng = random.Random(seed)
    names = Names(rng)
    subjects = list(Subject.objects.values_list("name", flat=True))
    rows = []
    for n in range(1, count + 1):
        title, author = book_title(rng)
        rows.append(
            [
                n,
                title,
                author or names.person(),
                rng.choice(PUBLISHERS),
                rng.randint(1975, 2025),
                f"TV-{n:05d}",
                isbn13(rng) if rng.random() < 0.7 else "",
                f"{rng.randint(100, 999)}.{rng.randint(1, 99)}",
                rng.choice(subjects),
                rng.choice(GRADE_BANDS),
                rng.randint(1, 5),
                rng.randint(40, 600),
                rng.choice(BOOK_SENTENCES),
            ]
        )
    return rows


def xlsx_sheet(rows):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["DANH MỤC SÁCH THƯ VIỆN TRƯỜNG THCS NGUYỄN DU"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet.append(["Năm học 2025-2026"])
    sheet.append([])
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def fresh_library(title):
    from wagtail.models import Site

    from library.models import LibraryPage

    home = Site.objects.get(is_default_site=True).root_page
    library = LibraryPage(title=title, slug=f"thu-vien-{home.get_children().count() + 1}")
    home.add_child(instance=library)
    library.save_revision().publish()
    return library


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


def one_by_one(rows):
    """The admin's way: add_child + save_revision().publish() for each book."""
    from library.models import BookPage, Subject

    subjects = {s.name: s for s in Subject.objects.all()}
    library = fresh_library("Thư viện (từng cuốn một)")
    for row in rows:
        book = BookPage(
            title=row[1],
            authors=row[2],
            publisher=row[3],
            year=row[4],
            code=row[5],
            isbn=row[6],
            call_number=row[7],
            subject=subjects[row[8]],
            copies=row[10],
            pages=row[11],
            summary=row[12],
        )
        library.add_child(instance=book)
        book.save_revision().publish()


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--one-by-one", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2024)
    options = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="sohoa-import-bench-") as workdir:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
        # Test settings: DEBUG off (no query log growing with the inserts), no secrets needed.
        os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
        os.environ["TEST_MEDIA_ROOT"] = f"{workdir}/media"
        import django

        django.setup()
        from django.core.management import call_command

        from bench.search_data import check_tree
        from cms.importing import plan_import, read_sheet, run_import

        call_command("migrate", verbosity=0, interactive=False)
        rows = book_rows(options.rows, options.seed)
        content = xlsx_sheet(rows)
        library = fresh_library("Thư viện Trường THCS Nguyễn Du")
        print(f"{options.rows:,}-row .xlsx sheet: {len(content) / 1024 / 1024:.1f} MB")

        sheet, read_s = timed(read_sheet, io.BytesIO(content), "sach.xlsx")
        plan, plan_s = timed(plan_import, sheet, library)
        report, write_s = timed(run_import, plan)
        total_s = read_s + plan_s + write_s
        problems = check_tree()
        rate = options.rows / total_s
        print(f"  read   {read_s:6.1f} s")
        print(f"  plan   {plan_s:6.1f} s  (every row validated and matched)")
        print(f"  write  {write_s:6.1f} s  (pages, revisions, QR codes, search index)")
        print(
            f"import  {total_s:6.1f} s  {rate:,.0f} rows/s  created {report.created:,}, "
            f"tree {'valid' if not any(problems) else f'BROKEN {problems}'}"
        )
        again = plan_import(read_sheet(io.BytesIO(content), "sach.xlsx"), library).counts()
        print(f"re-import plan: {again}")

        count = min(options.one_by_one, options.rows)
        _none, single_s = timed(one_by_one, rows[:count])
        per_book = single_s / count
        extrapolated = per_book * options.rows
        print(
            f"one by one: {count} books in {single_s:.1f} s ({per_book * 1000:.0f} ms a book); "
            f"{options.rows:,} would take {extrapolated:,.0f} s"
        )
        print(f"ratio: the import is {extrapolated / total_s:.0f}× faster")
        passed = total_s <= BUDGET_SECONDS and not any(problems)
        print(f"{'PASS' if passed else 'MISS'}: import ≤ {BUDGET_SECONDS:.0f} s")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
