"""Every printed form of a QR code scans back to the exact short link, with Vietnamese intact.

A real decoder (zxing-cpp) reads what a phone would see: SVG rasterised by resvg, PNG as is,
PDF pages rasterised by pdfium.
"""

import io
import unicodedata

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import resvg_py
from PIL import Image
from reportlab.lib.pagesizes import A4, A5

from cms.qr import render
from cms.tests.qr_decode import decoded, pdf_pages

URL = "https://sohoa.test/q/7KX2P"
UNIT = "Đoàn TNCS Hồ Chí Minh Phường Bến Thành"
STREET = "Đường Hoàng Hoa Thám"


def modules_across(url):
    """The width of the printed symbol in modules: the code and a quiet zone of 4 each side."""
    return len(render.qr_matrix(url).matrix) + 2 * 4


def words(text):
    return " ".join(text.split())


def test_svg_is_scalable_titled_and_scans_to_the_url():
    svg = render.qr_svg(URL).decode()
    total = modules_across(URL)
    assert f'viewBox="0 0 {total} {total}"' in svg
    assert f"<title>{URL}</title>" in svg
    png = bytes(resvg_py.svg_to_bytes(svg_string=svg))
    assert decoded(Image.open(io.BytesIO(png))) == [URL]


def test_svg_title_is_escaped():
    svg = render.qr_svg("https://sohoa.test/q/7KX2P?a=1&b=<2>").decode()
    assert "<title>https://sohoa.test/q/7KX2P?a=1&amp;b=&lt;2&gt;</title>" in svg


@pytest.mark.parametrize("size", ["screen", "print"])
def test_png_at_each_named_size_scans_to_the_url(size):
    image = Image.open(io.BytesIO(render.qr_png(URL, size)))
    width = render.PNG_SIZES[size]
    assert image.width == image.height
    # The smallest whole number of pixels per module that makes the image wide enough.
    assert width <= image.width < width + modules_across(URL)
    assert decoded(image) == [URL]


def test_png_at_any_allowed_width_has_whole_pixel_modules():
    image = Image.open(io.BytesIO(render.qr_png(URL, 300)))
    assert image.width >= 300 and image.width % modules_across(URL) == 0
    assert decoded(image) == [URL]


@pytest.mark.parametrize("size", [10, 127, 4097, "huge", "512", True, None])
def test_png_refuses_sizes_outside_128_to_4096(size):
    with pytest.raises(ValueError):
        render.qr_png(URL, size)


def test_the_same_url_is_encoded_once():
    assert render.qr_matrix(URL) is render.qr_matrix(URL)


@pytest.mark.parametrize(
    "url, shown",
    [
        ("https://sohoa.example.vn/q/7KX2P", "sohoa.example.vn/q/7KX2P"),
        ("http://sohoa.example.vn/q/7KX2P/", "sohoa.example.vn/q/7KX2P"),
        ("HTTPS://SOHOA.VN/q/ABCDE", "SOHOA.VN/q/ABCDE"),
        ("sohoa.vn/q/ABCDE", "sohoa.vn/q/ABCDE"),
    ],
)
def test_display_link_drops_the_scheme(url, shown):
    assert render.display_link(url) == shown


@pytest.mark.parametrize("paper, size", [("A5", A5), ("A4", A4)])
def test_plate_scans_to_the_url_and_keeps_vietnamese_text(paper, size):
    pdf = render.plate_pdf(url=URL, title=STREET, unit_name=UNIT, code="7KX2P", paper=paper)
    [(image, text, page_size)] = pdf_pages(pdf)
    assert page_size == pytest.approx(size)
    assert decoded(image) == [URL]
    text = words(text)
    assert STREET in text
    assert UNIT in text
    assert "sohoa.test/q/7KX2P" in text


def test_plate_draws_the_code_as_vectors_not_a_picture():
    pdf = render.plate_pdf(url=URL, title=STREET, unit_name=UNIT, code="7KX2P")
    document = pdfium.PdfDocument(pdf)
    kinds = {obj.type for obj in document[0].get_objects()}
    document.close()
    assert pdfium_c.FPDF_PAGEOBJ_IMAGE not in kinds
    assert pdfium_c.FPDF_PAGEOBJ_PATH in kinds
    # DejaVu Sans embedded (as a subset), so any printer has the Vietnamese glyphs.
    assert b"+DejaVuSans" in pdf and b"/FontFile2" in pdf


def test_plate_takes_decomposed_vietnamese_as_precomposed_letters():
    """Text pasted from some Mac and Word sources arrives as base letters + combining marks,
    which reportlab would draw as loose accents beside the letters."""
    decomposed = unicodedata.normalize("NFD", "Đoàn TNCS Hồ Chí Minh")
    pdf = render.plate_pdf(url=URL, title=decomposed, unit_name=UNIT, code="7KX2P")
    assert "Đoàn TNCS Hồ Chí Minh" in words(pdf_pages(pdf, dpi=50)[0][1])


def test_plate_shrinks_a_long_title_without_cutting_a_word():
    title = (
        "Khu di tích lịch sử Địa đạo Củ Chi, căn cứ của Khu ủy Sài Gòn – Gia Định trong hai "
        "cuộc kháng chiến chống Pháp và chống Mỹ"
    )
    pdf = render.plate_pdf(url=URL, title=title, unit_name=UNIT, code="7KX2P")
    [(image, text, _size)] = pdf_pages(pdf)
    assert title in words(text)
    assert decoded(image) == [URL]


def test_plate_with_an_endless_title_still_fits_one_page_and_scans():
    title = " ".join(["Trường Trung học phổ thông chuyên Lê Hồng Phong"] * 30)
    pdf = render.plate_pdf(url=URL, title=title, unit_name=UNIT, code="7KX2P")
    [(image, text, _size)] = pdf_pages(pdf)
    assert "…" in text
    assert decoded(image) == [URL]


@pytest.mark.parametrize("paper", ["Letter", "A3", "a4", ""])
def test_plate_refuses_other_papers(paper):
    with pytest.raises(ValueError):
        render.plate_pdf(url=URL, title=STREET, unit_name=UNIT, code="7KX2P", paper=paper)


def test_plates_put_one_code_per_page_and_report_progress():
    streets = ["Đường Hoàng Hoa Thám", "Đường Nguyễn Thị Minh Khai", "Phố Hàng Bạc"]
    items = [
        {"url": f"https://sohoa.test/q/ST{n}AB", "title": title, "code": f"ST{n}AB"}
        for n, title in enumerate(streets, 2)
    ]
    calls = []
    pdf = render.plates_pdf(items, unit_name=UNIT, progress=lambda *call: calls.append(call))
    pages = pdf_pages(pdf)
    assert [decoded(image) for image, _text, _size in pages] == [[i["url"]] for i in items]
    for (_image, text, _size), title in zip(pages, streets, strict=True):
        assert title in words(text)
    assert calls == [(1, 3), (2, 3), (3, 3)]


def test_plates_accept_objects_as_well_as_dicts():
    class Item:
        url, title, code = URL, STREET, "7KX2P"

    [(image, _text, _size)] = pdf_pages(render.plates_pdf([Item()], unit_name=UNIT))
    assert decoded(image) == [URL]


def book_labels(count):
    return [
        {
            "url": f"https://sohoa.test/q/B{n:04d}",
            "title": f"Dế Mèn phiêu lưu ký – tập {n}",
            "code": f"VH-{n:05d}",
            "call_number": "895.9223 T450H",
        }
        for n in range(count)
    ]


def test_a_sheet_of_200_labels_holds_200_codes_that_scan():
    labels = book_labels(200)
    calls = []
    pdf = render.label_sheet_pdf(labels, progress=lambda *call: calls.append(call))
    pages = pdf_pages(pdf)
    assert len(pages) == 9  # 24 labels a page at 3×8
    found = [url for image, _text, _size in pages for url in decoded(image)]
    assert sorted(found) == sorted(label["url"] for label in labels)
    assert calls[-1] == (200, 200) and len(calls) == 200
    first_page = words(pages[0][1])
    assert "VH-00000" in first_page and "895.9223 T450H" in first_page
    assert "Dế Mèn phiêu lưu ký" in first_page


def test_a_label_cuts_a_long_title_with_an_ellipsis():
    label = {
        "url": URL,
        "title": "Tuyển tập truyện ngắn hay nhất của các nhà văn Việt Nam thế kỷ XX, tập một",
        "code": "VH-00042",
        "call_number": "895.9223 T527T",
    }
    pdf = render.label_sheet_pdf([label], unit_name="Thư viện Trường THPT Nguyễn Du")
    [(image, text, _size)] = pdf_pages(pdf)
    text = words(text)
    assert "Tuyển tập truyện" in text and "…" in text
    assert label["title"] not in text
    assert "VH-00042" in text and "895.9223 T527T" in text
    assert decoded(image) == [URL]


@pytest.mark.parametrize("columns, rows", [(1, 1), (2, 5), (6, 14)])
def test_every_allowed_grid_scans(columns, rows):
    labels = book_labels(columns * rows)
    [(image, _text, _size)] = pdf_pages(
        render.label_sheet_pdf(labels, columns=columns, rows=rows, unit_name=UNIT), dpi=300
    )
    assert sorted(decoded(image)) == sorted(label["url"] for label in labels)


@pytest.mark.parametrize("grid", [(0, 8), (7, 8), (3, 0), (3, 15)])
def test_label_sheet_refuses_grids_outside_6_by_14(grid):
    columns, rows = grid
    with pytest.raises(ValueError):
        render.label_sheet_pdf(book_labels(1), columns=columns, rows=rows)


@pytest.mark.parametrize(
    "grid, expected", [("3x8", (3, 8)), ("2×7", (2, 7)), (" 4X10 ", (4, 10)), ("6x14", (6, 14))]
)
def test_parse_grid(grid, expected):
    assert render.parse_grid(grid) == expected


@pytest.mark.parametrize("grid", ["0x8", "7x8", "3x15", "3", "3x8x2", "ba x tám", ""])
def test_parse_grid_refuses(grid):
    with pytest.raises(ValueError):
        render.parse_grid(grid)


def test_label_sheet_refuses_other_papers_and_nothing_to_print():
    with pytest.raises(ValueError):
        render.label_sheet_pdf(book_labels(1), paper="Letter")
    with pytest.raises(ValueError):
        render.label_sheet_pdf([])


def test_label_sheet_streams_into_a_file_from_any_iterable():
    output = io.BytesIO()
    calls = []
    labels = (label for label in book_labels(30))  # a generator has no length
    result = render.label_sheet_pdf(
        labels, output=output, progress=lambda *call: calls.append(call)
    )
    assert result is None
    assert output.getvalue().startswith(b"%PDF")
    assert len(pdf_pages(output.getvalue(), dpi=30)) == 2
    assert calls[-1] == (30, None)
