"""A student reads a book's PDF or EPUB inside its page, on a small phone, in a real browser."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from library.tests.factories import BookPageFactory, LibraryPageFactory
from library.tests.test_reader import ebook_document, epub_book, multi_page_pdf
from tests.conftest import browser, reach_only_the_site  # noqa: F401  (see there)

# The live server needs committed data, hence transactional tests.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

READER_LIBRARIES = ("vendor/pdfjs", "vendor/epubjs", "vendor/jszip")
PDF_PAGES = 12


@pytest.fixture
def phone(browser, live_server):  # noqa: F811
    """A 360 × 740 touch phone that reaches only the site, recording every request it makes."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="vi-VN",
    )
    reach_only_the_site(context, live_server.url)
    page = context.new_page()
    page.seen_requests = []
    page.on("request", lambda request: page.seen_requests.append(request))
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], "JavaScript errors in the page"


@pytest.fixture
def library(home_page):
    return LibraryPageFactory(parent=home_page)


def reader_library_requests(page):
    return [
        request.url
        for request in page.seen_requests
        if any(name in request.url for name in READER_LIBRARIES)
    ]


def open_book_page(page, live_server, book):
    page.seen_requests.clear()
    page.goto(live_server.url + book.url)
    page.wait_for_load_state("networkidle")
    # The book page alone never downloads the reader's libraries.
    assert reader_library_requests(page) == []


def open_reader(page):
    page.locator("[data-reader-open]").click()
    dialog = page.locator("dialog.reader")
    expect(dialog).to_be_visible()
    expect(page.locator("[data-reader-loading]")).to_be_hidden(timeout=20_000)
    return dialog


def close_reader(page):
    page.locator("[data-reader-action=close]").click()
    expect(page.locator("dialog.reader")).to_be_hidden()


def drawn_pixels(page):
    """How many pixels of the reader's canvas are not white: a drawn page has many."""
    return page.locator("canvas.reader-page").evaluate(
        """canvas => {
            const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
            let inked = 0;
            for (let i = 0; i < data.length; i += 4) {
                if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) inked++;
            }
            return inked;
        }"""
    )


def swipe(page, locator, direction):
    """A finger swipe across the element through Chrome's touch input (+1: to the next page)."""
    box = locator.bounding_box()
    y = box["y"] + box["height"] / 2
    start_x, end_x = box["x"] + box["width"] * 0.8, box["x"] + box["width"] * 0.2
    if direction < 0:
        start_x, end_x = end_x, start_x
    cdp = page.context.new_cdp_session(page)
    cdp.send(
        "Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": start_x, "y": y}]}
    )
    for step in range(1, 6):
        x = start_x + (end_x - start_x) * step / 5
        cdp.send(
            "Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]}
        )
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def test_a_pdf_is_read_in_the_page_one_range_at_a_time(phone, live_server, library):
    content = multi_page_pdf(pages=PDF_PAGES, noise_bytes_per_page=150_000)
    book = BookPageFactory(parent=library, ebook=ebook_document(content, "de-men.pdf"))
    open_book_page(phone, live_server, book)

    dialog = open_reader(phone)
    position = phone.locator("[data-reader-position]")
    expect(position).to_have_text(f"1 / {PDF_PAGES}")
    # Full screen on a 360 px phone.
    box = dialog.bounding_box()
    assert (box["width"], box["height"]) == (360, 740)
    assert drawn_pixels(phone) > 10_000

    # PDF.js came from the site, only once the reader opened, and read the book in ranges.
    loaded = reader_library_requests(phone)
    assert any(url.endswith("/vendor/pdfjs/pdf.min.mjs") for url in loaded), loaded
    assert any(url.endswith("/vendor/pdfjs/pdf.worker.min.mjs") for url in loaded), loaded
    ranges = [
        request.header_value("range")
        for request in phone.seen_requests
        if request.url.endswith(book.ebook_url()) and request.header_value("range")
    ]
    assert ranges, "PDF.js did not use range requests"
    fetched = sum(int(end) - int(start) + 1 for start, end in (r[6:].split("-") for r in ranges))
    assert fetched < len(content) / 2, (fetched, len(content))

    phone.locator("[data-reader-action=next]").click()
    expect(position).to_have_text(f"2 / {PDF_PAGES}")
    swipe(phone, phone.locator(".reader-stage"), +1)
    expect(position).to_have_text(f"3 / {PDF_PAGES}")
    swipe(phone, phone.locator(".reader-stage"), -1)
    expect(position).to_have_text(f"2 / {PDF_PAGES}")
    phone.locator("[data-reader-action=previous]").click()
    expect(position).to_have_text(f"1 / {PDF_PAGES}")

    # Zoomed in, the page is drawn larger and can be moved around rather than turned.
    width_before = phone.locator("canvas.reader-page").bounding_box()["width"]
    phone.locator("[data-reader-action=zoom-in]").click()
    expect(phone.locator(".reader-stage.is-zoomed")).to_be_visible()
    assert phone.locator("canvas.reader-page").bounding_box()["width"] > width_before * 1.4
    phone.locator("[data-reader-action=zoom-out]").click()
    expect(phone.locator(".reader-stage.is-zoomed")).to_have_count(0)


def test_the_pdf_reader_reopens_at_the_last_page_read(phone, live_server, library):
    book = BookPageFactory(
        parent=library, ebook=ebook_document(multi_page_pdf(pages=4), "de-men.pdf")
    )
    open_book_page(phone, live_server, book)
    open_reader(phone)
    position = phone.locator("[data-reader-position]")
    expect(position).to_have_text("1 / 4")
    for _ in range(2):
        phone.locator("[data-reader-action=next]").click()
    expect(position).to_have_text("3 / 4")

    close_reader(phone)
    open_reader(phone)
    expect(position).to_have_text("3 / 4")

    # And on another visit, from the phone's own storage.
    close_reader(phone)
    open_book_page(phone, live_server, book)
    open_reader(phone)
    expect(position).to_have_text("3 / 4")


def test_the_back_button_closes_the_reader_and_stays_on_the_book(phone, live_server, library):
    book = BookPageFactory(
        parent=library, ebook=ebook_document(multi_page_pdf(pages=2), "de-men.pdf")
    )
    open_book_page(phone, live_server, book)
    open_reader(phone)
    phone.go_back()
    expect(phone.locator("dialog.reader")).to_be_hidden()
    assert urlsplit(phone.url).path == book.url


def test_an_epub_is_read_in_the_page_and_reopens_where_it_was_left(phone, live_server, library):
    content = epub_book(
        [
            ("Chương một", ["Tôi sống độc lập từ thuở bé."]),
            (
                "Chương hai",
                [f"Đoạn {n}: Dế Mèn rủ Dế Trũi đi phiêu lưu khắp thiên hạ." for n in range(1, 90)],
            ),
        ]
    )
    book = BookPageFactory(parent=library, ebook=ebook_document(content, "de-men.epub"))
    memory_key = f"sohoa-reader:{book.pk}:"
    open_book_page(phone, live_server, book)
    open_reader(phone)

    loaded = reader_library_requests(phone)
    assert any(url.endswith("/vendor/jszip/jszip.min.js") for url in loaded), loaded
    assert any(url.endswith("/vendor/epubjs/epub.min.js") for url in loaded), loaded
    text = phone.frame_locator("dialog.reader iframe").locator("body")
    expect(text).to_contain_text("Tôi sống độc lập từ thuở bé.")
    position = phone.locator("[data-reader-position]")
    expect(position).to_have_text(re.compile(r"^\d+ / \d+$"))

    phone.locator("[data-reader-action=next]").click()
    expect(text).to_contain_text("Chương hai")
    first_screen = stored_location(phone, memory_key)
    # A long chapter takes several screens: a swipe shows the next one.
    swipe(phone, phone.locator(".reader-stage"), +1)
    phone.wait_for_function(
        "([key, previous]) => Object.keys(localStorage).some("
        "k => k.startsWith(key) && localStorage.getItem(k) !== previous)",
        arg=[memory_key, first_screen],
    )
    left_at = stored_location(phone, memory_key)
    assert left_at.startswith("epubcfi(") and left_at != first_screen

    close_reader(phone)
    open_book_page(phone, live_server, book)
    open_reader(phone)
    expect(text).to_contain_text("Chương hai")
    assert stored_location(phone, memory_key) == left_at


def stored_location(page, key_prefix):
    return page.evaluate(
        "prefix => { const key = Object.keys(localStorage).find(k => k.startsWith(prefix));"
        " return key ? localStorage.getItem(key) : null; }",
        key_prefix,
    )


def test_without_javascript_the_read_button_is_a_link_to_the_file(
    browser,  # noqa: F811
    live_server,
    library,
):
    content = multi_page_pdf(pages=2)
    book = BookPageFactory(parent=library, ebook=ebook_document(content, "de-men.pdf"))
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + book.url)
    link = page.locator("[data-reader-open]")
    expect(page.locator("dialog.reader")).to_be_hidden()
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body() == content
    context.close()
