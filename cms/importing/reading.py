"""Reading a spreadsheet as volunteers save it: .xlsx, or text in whatever encoding Excel chose.

The file's content decides how it is read, never its name: a ZIP is opened as a workbook,
an old binary .xls or a renamed program is refused with a message saying what it is, and
anything else is decoded as delimited text (byte-order marks first, then strict UTF-8,
then Windows-1258, the code page of Vietnamese Windows). Python's cp1258 codec yields
decomposed Vietnamese (a base letter plus combining marks), so every cell is normalised to
NFC: otherwise "Tiếng Việt" from a CP1258 file would differ from the same words typed in
the admin.
"""

import codecs
import csv
import datetime
import io
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from cms.importing.cells import header_key
from cms.importing.messages import lazy_message

MAX_SHEET_BYTES = 20 * 1024 * 1024
MAX_DATA_ROWS = 50_000
# A header row is looked for among the first rows: title lines ("DANH MỤC SÁCH THƯ VIỆN
# TRƯỜNG …"), a date and a blank line often come first.
HEADER_SEARCH_ROWS = 20
MIN_HEADER_MATCHES = 2
DELIMITERS = ",;\t|"
SNIFF_CHARACTERS = 64 * 1024

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97–2003 .xls (and .doc, .msg)
WINDOWS_PROGRAM_MAGIC = b"MZ"
PDF_MAGIC = b"%PDF-"
# Longest first: a UTF-32 LE mark begins with the UTF-16 LE one.
BYTE_ORDER_MARKS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Text control characters other than tab and line breaks: their presence means binary data.
CONTROL_CHARACTERS = frozenset(chr(c) for c in range(32)) - {"\t", "\n", "\r"}


class SheetError(Exception):
    """The file cannot be read as a spreadsheet (message in Vietnamese, via gettext)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __str__(self):
        return str(self.message)


@dataclass
class Sheet:
    """A table read from a file: its header row and its non-empty data rows.

    Cells are stripped NFC strings; `row_numbers` are the 1-based row numbers in the file
    (empty rows are skipped, so reports still name the row the volunteer sees in Excel).
    """

    rows: list[list[str]]
    row_numbers: list[int]
    headers: list[str]
    header_row_number: int
    encoding: str | None
    delimiter: str | None


def read_sheet(file_obj, filename, known_headers=None):
    """The sheet in an uploaded file; SheetError when it is not a readable spreadsheet.

    The header row is the first naming two `known_headers` (folded; by default the columns of
    every page kind the importer knows)."""
    data = file_obj.read(MAX_SHEET_BYTES + 1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_SHEET_BYTES:
        raise SheetError(
            lazy_message(
                _(
                    "The file “%(name)s” is too large (over %(limit)s MB). Split it into several files or remove images and extra sheets."
                ),
                name=filename,
                limit=MAX_SHEET_BYTES // (1024 * 1024),
            )
        )
    refuse_non_spreadsheets(data, filename)
    if data.startswith(ZIP_MAGIC):
        table, encoding, delimiter = read_workbook(data, filename), None, None
    else:
        text, encoding = decode_text(data, filename)
        delimiter = detect_delimiter(text)
        table = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    return sheet_from_table(table, encoding, delimiter, filename, known_headers)


def refuse_non_spreadsheets(data, filename):
    if not data.strip() or data in {mark for mark, _encoding in BYTE_ORDER_MARKS}:
        raise SheetError(lazy_message(_("The file “%(name)s” is empty."), name=filename))
    if data.startswith(OLE2_MAGIC):
        raise SheetError(
            lazy_message(
                _(
                    "“%(name)s” is an old Excel 97–2003 (.xls) file, which cannot be read. In Excel choose File › Save As and save it as “Excel Workbook (.xlsx)” or “CSV UTF-8”, then upload that file."
                ),
                name=filename,
            )
        )
    if data.startswith(WINDOWS_PROGRAM_MAGIC):
        raise SheetError(
            lazy_message(
                _(
                    "“%(name)s” is a Windows program, not a spreadsheet, even if its name says otherwise. Upload an Excel (.xlsx) or CSV file."
                ),
                name=filename,
            )
        )
    if data.startswith(PDF_MAGIC):
        raise SheetError(
            lazy_message(
                _(
                    "“%(name)s” is a PDF document, not a spreadsheet. Upload the Excel (.xlsx) or CSV file the list was made from."
                ),
                name=filename,
            )
        )


def not_a_spreadsheet(filename):
    return SheetError(
        lazy_message(
            _(
                "“%(name)s” is not a spreadsheet that can be read. Upload an Excel (.xlsx) file or a CSV file."
            ),
            name=filename,
        )
    )


# Text files -------------------------------------------------------------------------------


def decode_text(data, filename):
    """The text of the file and the encoding it was written in."""
    for mark, encoding in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return checked_text(data.decode(encoding), filename), encoding
            except UnicodeDecodeError:
                raise not_a_spreadsheet(filename) from None
    for encoding in ("utf-8", "cp1258"):
        try:
            return checked_text(data.decode(encoding), filename), encoding
        except UnicodeDecodeError:
            continue
    raise not_a_spreadsheet(filename)


def checked_text(text, filename):
    """Text that is really text: binary data decodes in cp1258 too, but holds control bytes."""
    sample = text[:SNIFF_CHARACTERS]
    if sum(character in CONTROL_CHARACTERS for character in sample) > len(sample) // 100:
        raise not_a_spreadsheet(filename)
    return text


def detect_delimiter(text):
    """The delimiter of a delimited text: csv.Sniffer's guess, else the most regular one."""
    sample = text[:SNIFF_CHARACTERS]
    if len(text) > SNIFF_CHARACTERS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return most_regular_delimiter(sample)


def most_regular_delimiter(sample):
    """The candidate splitting the most lines into the same number (>1) of cells.

    Title lines above the table and a one-column file defeat the Sniffer; this fallback
    only asks which delimiter makes the table rows agree with each other.
    """
    lines = [line for line in sample.splitlines() if line.strip()][:200]
    best, best_score = ",", 0
    for delimiter in DELIMITERS:
        counts = {}
        for row in csv.reader(lines, delimiter=delimiter):
            if len(row) > 1:
                counts[len(row)] = counts.get(len(row), 0) + 1
        score = max(counts.values(), default=0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


# Workbooks --------------------------------------------------------------------------------


def read_workbook(data, filename):
    """The rows of the first worksheet that has a header row (else the active one)."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception:
        # A damaged workbook, or another ZIP (a .docx, an EPUB, an archive) renamed .xlsx:
        # openpyxl fails in many ways and none of them is the volunteer's to read.
        raise not_a_spreadsheet(filename) from None
    tables = []
    for worksheet in [workbook.active, *workbook.worksheets]:
        if worksheet is None or any(worksheet is seen for seen, _table in tables):
            continue
        if worksheet.max_row > MAX_DATA_ROWS + HEADER_SEARCH_ROWS:
            raise too_many_rows(filename)
        table = worksheet_rows(worksheet)
        if find_header_row(table) is not None:
            return table
        tables.append((worksheet, table))
    return tables[0][1] if tables else []


def worksheet_rows(worksheet):
    """Cell texts row by row; a cell merged over several rows repeats its value down.

    openpyxl leaves every cell of a merged range empty but the top-left one. A value merged
    down a column (one subject for five books) belongs to each of those rows; a range merged
    across columns (a title line, a header over two columns) stays in its first column only.
    """
    filled_down = {}
    for merged in worksheet.merged_cells.ranges:
        value = worksheet.cell(merged.min_row, merged.min_col).value
        for row in range(merged.min_row + 1, merged.max_row + 1):
            filled_down[(row, merged.min_col)] = value
    table = []
    for row_number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
        row = list(values)
        if all(value in (None, "") for value in row):
            # An empty row inside a merged range is still an empty row, not a book.
            table.append([])
            continue
        for column_number in range(len(row)):
            if (row_number, column_number + 1) in filled_down:
                row[column_number] = filled_down[(row_number, column_number + 1)]
        table.append([cell_text(value) for value in row])
    return table


def cell_text(value):
    """A workbook cell as the text a volunteer sees in it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        # A year or an ISBN typed in a number cell comes back as 2019.0.
        return str(int(value))
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    return str(value)


# The table --------------------------------------------------------------------------------


def clean_cell(text):
    return unicodedata.normalize("NFC", text).strip()


def is_empty(row):
    return not any(row)


def find_header_row(table, known_headers=None):
    """The index of the first row, among the first non-empty ones, naming enough known columns."""
    from cms.importing.kinds import known_header_keys

    known = known_headers or known_header_keys()
    seen = 0
    for index, row in enumerate(table):
        if is_empty([cell.strip() for cell in row]):
            continue
        matches = sum(1 for cell in row if cell.strip() and header_key(cell) in known)
        if matches >= MIN_HEADER_MATCHES:
            return index
        seen += 1
        if seen >= HEADER_SEARCH_ROWS:
            break
    return None


def too_many_rows(filename):
    return SheetError(
        lazy_message(
            _("The file “%(name)s” has more than %(limit)s rows. Split it into several files."),
            name=filename,
            limit=f"{MAX_DATA_ROWS:,}".replace(",", "."),
        )
    )


def sheet_from_table(table, encoding, delimiter, filename, known_headers=None):
    table = [[clean_cell(cell) for cell in row] for row in table]
    header_index = find_header_row(table, known_headers)
    if header_index is None:
        # No row names two known columns: take the first non-empty one, so the plan can say
        # which required column is missing instead of a vague "unreadable".
        header_index = next((i for i, row in enumerate(table) if not is_empty(row)), None)
    if header_index is None:
        raise SheetError(lazy_message(_("The file “%(name)s” is empty."), name=filename))
    headers = [" ".join(cell.split()) for cell in table[header_index]]
    rows, row_numbers = [], []
    for index in range(header_index + 1, len(table)):
        if not is_empty(table[index]):
            rows.append(table[index])
            row_numbers.append(index + 1)
    if len(rows) > MAX_DATA_ROWS:
        raise too_many_rows(filename)
    return Sheet(
        rows=rows,
        row_numbers=row_numbers,
        headers=headers,
        header_row_number=header_index + 1,
        encoding=encoding,
        delimiter=delimiter,
    )
