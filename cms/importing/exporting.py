"""A parent's child pages written out as the sheet an import reads: same columns, same headers.

Each cell is written the way its column's parser reads it back (a subject by name, a grade
band by its Vietnamese name, a location as "latitude, longitude"), so exporting a library and
importing the file again changes nothing.
"""

import csv
import io

from django.utils import timezone
from django.utils.text import slugify

from cms.folding import fold
from cms.importing.kinds import import_kind_for

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def export_sheet(parent_page, fmt):
    """(content, content_type, filename) of the children of `parent_page` as .xlsx or .csv."""
    parent = parent_page.specific
    kind = import_kind_for(parent)
    if kind is None or fmt not in CONTENT_TYPES:
        raise ValueError(f"cannot export {fmt!r} for page {parent.pk}")
    columns = kind.exported_columns
    headers = [column.label_vi for column in columns]
    rows = export_rows(kind, parent, columns)
    content = write_xlsx(headers, rows, kind) if fmt == "xlsx" else write_csv(headers, rows)
    stamp = timezone.localdate().strftime("%Y-%m-%d")
    filename = f"{slugify(fold(parent.title)) or 'danh-sach'}-{stamp}.{fmt}"
    return content, CONTENT_TYPES[fmt], filename


def export_rows(kind, parent, columns):
    formatters = [column.formatter() for column in columns]
    pages = kind.model.objects.child_of(parent).order_by("path")
    attnames = [column.attname for column in columns]
    return [
        [formatter(page[attname]) for formatter, attname in zip(formatters, attnames, strict=True)]
        for page in pages.values(*attnames)
    ]


def write_csv(headers, rows):
    """UTF-8 with a byte-order mark: without it Excel reads the file as ANSI and garbles
    every Vietnamese letter."""
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(headers)
    writer.writerows(rows)
    return text.getvalue().encode("utf-8-sig")


def write_xlsx(headers, rows, kind):
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = str(kind.model._meta.verbose_name_plural)[:31]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    # Codes, ISBNs and years stay text: as numbers Excel would drop leading zeros and show
    # 13-digit ISBNs as 9.78604E+12.
    for column_cells in sheet.iter_cols(min_row=2):
        for cell in column_cells:
            cell.number_format = "@"
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(40, len(header) + 4))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
