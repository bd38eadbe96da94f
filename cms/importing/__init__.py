"""Import a spreadsheet into a page tree, and export it back.

Shared by ``manage.py import_sheet`` / ``export_sheet`` and the admin's import views::

    sheet = read_sheet(uploaded_file, uploaded_file.name)   # SheetError if unreadable
    plan = plan_import(sheet, library_page)                 # every row checked and matched
    report = run_import(plan, keep_valid=False, progress=callback, user=request.user)
    content, content_type, filename = export_sheet(library_page, "xlsx")

The parent page decides the rows' kind (import_kind_for): a library receives books, the
index pages of streets, heritage sites, neighbourhood offices and schools their own pages.
"""

from cms.importing.exporting import export_sheet
from cms.importing.kinds import Column, ImportKind, import_kind_for
from cms.importing.planning import ImportPlan, RowError, RowPlan, plan_import
from cms.importing.reading import Sheet, SheetError, read_sheet
from cms.importing.writing import ImportReport, run_import

__all__ = [
    "Column",
    "ImportKind",
    "ImportPlan",
    "ImportReport",
    "RowError",
    "RowPlan",
    "Sheet",
    "SheetError",
    "export_sheet",
    "import_kind_for",
    "plan_import",
    "read_sheet",
    "run_import",
]
