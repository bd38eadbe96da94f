"""What an import would do, row by row, before anything is written.

Each row is cleaned with the column parsers and the model fields' own validators (ISBN
checksum, years, phone numbers, coordinates in Vietnam…), then matched to an existing child
page so that importing the same file twice changes nothing and an edited file updates only
the rows that changed.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms.folding import fold
from cms.importing import cells
from cms.importing.kinds import (
    COORDINATE_FIELDS,
    LATITUDE,
    LONGITUDE,
    NUMBERING_HEADERS,
    import_kind_for,
)
from cms.importing.messages import lazy_message, validation_messages
from cms.importing.reading import SheetError

CREATE, UPDATE, UNCHANGED, INVALID = "create", "update", "unchanged", "invalid"


@dataclass
class RowError:
    """A problem found in a row: the file's row number, the column header, the reason."""

    row_number: int
    column: str
    message: str

    def __str__(self):
        return f"{self.row_number} | {self.column} | {self.message}"


@dataclass
class RowPlan:
    row_number: int
    values: dict
    action: str
    errors: list[RowError] = field(default_factory=list)
    page_id: int | None = None
    changed_fields: list[str] = field(default_factory=list)


@dataclass
class ImportPlan:
    """The rows of a sheet, cleaned and matched, for one parent page.

    `notices` tell the editor what happens beyond copying cells (links whose files are
    downloaded); `unmapped_headers` are the headers no column answers to.
    """

    kind: object
    parent_page: object
    mapping: dict[int, str]
    unmapped_headers: list[str]
    rows: list[RowPlan]
    errors: list[RowError]
    notices: list[str] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)

    def counts(self):
        counts = {CREATE: 0, UPDATE: 0, UNCHANGED: 0, INVALID: 0}
        for row in self.rows:
            counts[row.action] += 1
        return counts

    @property
    def is_valid(self):
        return not self.errors

    def header_of(self, name):
        """The sheet's own header for a field (what the editor reads in the report)."""
        return self.headers.get(name) or self.kind.column(name).label_vi


def plan_import(sheet, parent_page):
    """Clean, validate and match every row of `sheet` against the children of `parent_page`."""
    parent = parent_page.specific
    kind = import_kind_for(parent)
    if kind is None:
        raise SheetError(
            lazy_message(
                _(
                    "Rows cannot be imported under “%(title)s”: choose a library, or an index of streets, heritage sites, neighbourhood offices or schools."
                ),
                title=parent.title,
            )
        )
    mapping, unmapped, notices = map_columns(sheet.headers, kind)
    plan = ImportPlan(
        kind=kind,
        parent_page=parent,
        mapping=mapping,
        unmapped_headers=unmapped,
        rows=[],
        errors=missing_column_errors(sheet, kind, mapping),
        notices=notices,
        headers={name: sheet.headers[index] for index, name in mapping.items()},
    )
    if plan.errors:
        return plan
    planner = RowPlanner(kind, parent, sheet.headers, mapping)
    for row, row_number in zip(sheet.rows, sheet.row_numbers, strict=True):
        row_plan = planner.plan_row(row, row_number)
        plan.rows.append(row_plan)
        plan.errors.extend(row_plan.errors)
    return plan


def map_columns(headers, kind):
    """{column index: field} by header name; unknown headers; notices on downloaded links."""
    by_name = {}
    for column in kind.columns:
        for name in column.names:
            by_name.setdefault(cells.header_key(name), column)
    mapping, unmapped = {}, []
    taken = set()
    for index, header in enumerate(headers):
        key = cells.header_key(header)
        if not key or key in NUMBERING_HEADERS:
            continue
        column = by_name.get(key)
        if column is None or column.field in taken:
            unmapped.append(header)
            continue
        taken.add(column.field)
        mapping[index] = column.field
    mapped = set(mapping.values())
    notices = [linked.notice for linked in kind.linked_files if linked.link_field in mapped]
    return mapping, unmapped, notices


def missing_column_errors(sheet, kind, mapping):
    mapped = set(mapping.values())
    return [
        RowError(
            sheet.header_row_number,
            column.label_vi,
            lazy_message(
                _(
                    "The required column “%(column)s” was not found in the header row (row %(row)s). Headers found: %(headers)s."
                ),
                column=column.label_vi,
                row=sheet.header_row_number,
                headers=", ".join(header for header in sheet.headers if header) or "—",
            ),
        )
        for column in kind.columns
        if column.required and column.field not in mapped
    ]


def match_text(value):
    """How identifying values are compared: folded, single-spaced; '' for nothing."""
    if value is None:
        return ""
    if hasattr(value, "pk"):
        return str(value.pk)
    return " ".join(fold(str(value)).split())


class RowPlanner:
    """Plans the rows of one sheet: parsers built once, existing pages indexed once."""

    def __init__(self, kind, parent, headers, mapping):
        self.kind = kind
        self.model = kind.model
        self.headers = headers
        self.mapping = mapping
        self.mapped = set(mapping.values())
        self.header_of = {name: headers[index] for index, name in mapping.items()}
        self.columns = {column.field: column for column in kind.columns}
        self.parsers = {name: self.columns[name].parser() for name in self.mapped}
        self.compared = sorted(
            (self.mapped - set(COORDINATE_FIELDS))
            | ({"location"} if self.mapped & set(COORDINATE_FIELDS) else set())
        )
        self.existing = list(
            self.model.objects.child_of(parent)
            .order_by("path")
            .values("pk", *{self.columns[name].attname for name in self.all_fields()})
        )
        self.indexes = {}
        self.claimed = set()
        self.codes_seen = {}

    def all_fields(self):
        keys = {name for key in self.kind.match_keys for name in key}
        return (set(self.compared) | keys) - set(COORDINATE_FIELDS)

    # Cleaning -----------------------------------------------------------------------------

    def plan_row(self, row, row_number):
        errors = []
        values = self.clean_cells(row, row_number, errors)
        self.combine_coordinates(values, row_number, errors)
        self.fill_required(values, row_number, errors)
        self.check_duplicate_code(values, row_number, errors)
        if errors:
            return RowPlan(row_number, values, INVALID, errors)
        page = self.match(values)
        if page is None:
            return RowPlan(row_number, values, CREATE)
        changed = [name for name in self.compared if not self.same(name, page, values)]
        return RowPlan(
            row_number, values, UPDATE if changed else UNCHANGED, [], page["pk"], changed
        )

    def error(self, row_number, name, message):
        header = self.header_of.get(name) or self.columns[name].label_vi
        return RowError(row_number, header, message)

    def clean_cells(self, row, row_number, errors):
        values = {}
        for index, name in self.mapping.items():
            text = row[index] if index < len(row) else ""
            try:
                value = self.parsers[name](text)
                if name not in COORDINATE_FIELDS:
                    value = self.run_field_validators(name, value)
            except ValidationError as error:
                errors.extend(self.error(row_number, name, m) for m in validation_messages(error))
                continue
            values[name] = value
        return values

    def run_field_validators(self, name, value):
        """The model field's validators (ISBN, year, phone, bounds, length); an empty cell
        takes the field's default, as a new page made in the admin would."""
        model_field = self.model._meta.get_field(name)
        if value in (None, ""):
            return model_field.get_default() if model_field.has_default() else value
        if name == "subject":
            return value
        model_field.run_validators(value)
        return value

    def combine_coordinates(self, values, row_number, errors):
        latitude, longitude = values.pop(LATITUDE, None), values.pop(LONGITUDE, None)
        if not self.mapped & set(COORDINATE_FIELDS) or values.get("location"):
            return
        if latitude is None and longitude is None:
            values["location"] = ""
            return
        if latitude is None or longitude is None:
            missing = LATITUDE if latitude is None else LONGITUDE
            errors.append(
                self.error(
                    row_number,
                    missing,
                    lazy_message(
                        _("Both latitude and longitude are needed to place this row on the map.")
                    ),
                )
            )
            return
        location = cells.location_from_coordinates(latitude, longitude)
        try:
            self.model._meta.get_field("location").run_validators(location)
        except ValidationError as error:
            errors.extend(self.error(row_number, LATITUDE, m) for m in validation_messages(error))
            return
        values["location"] = location

    def fill_required(self, values, row_number, errors):
        """A choice the page cannot do without (a site's kind, a school's level): guessed
        from the name when its cell is empty or its column absent, else an error."""
        failed = {error.column for error in errors}
        for name, (source, parser) in self.kind.guesses.items():
            if not values.get(name) and self.header_of.get(name) not in failed:
                guessed = parser.guess_from(values.get(source) or "")
                if guessed:
                    values[name] = guessed
                else:
                    errors.append(self.missing_value_error(row_number, self.columns[name]))
        for column in self.kind.columns:
            missing = column.required and not values.get(column.field)
            if missing and self.header_of.get(column.field) not in failed:
                errors.append(self.missing_value_error(row_number, column))

    def missing_value_error(self, row_number, column):
        if column.field in self.kind.guesses:
            message = _(
                "“%(column)s” is empty and cannot be guessed from the name: fill it in (for example %(example)s)."
            )
            example = ", ".join(self.kind.guesses[column.field][1].export_names()[:3])
            return self.error(
                row_number,
                column.field,
                lazy_message(message, column=column.label_vi, example=example),
            )
        return self.error(
            row_number,
            column.field,
            lazy_message(_("“%(column)s” must not be empty."), column=column.label_vi),
        )

    def check_duplicate_code(self, values, row_number, errors):
        """Book codes are unique within a library (BookPageForm); within a file as well."""
        code = values.get("code")
        if "code" not in self.columns or not code:
            return
        key = code.casefold()
        first_row = self.codes_seen.setdefault(key, row_number)
        if first_row != row_number:
            errors.append(
                self.error(
                    row_number,
                    "code",
                    lazy_message(
                        _(
                            "The book code “%(code)s” is already used on row %(row)s of this file: each book of a library needs its own code."
                        ),
                        code=code,
                        row=first_row,
                    ),
                )
            )

    # Matching -----------------------------------------------------------------------------

    def index_for(self, key):
        if key not in self.indexes:
            index = defaultdict(list)
            for page in self.existing:
                index[tuple(match_text(page[self.columns[n].attname]) for n in key)].append(page)
            self.indexes[key] = index
        return self.indexes[key]

    def match(self, values):
        """The existing page this row describes, tried key by key (code, ISBN, title…).

        A key the row has but no page matches rules out, for the next keys, the pages that
        have their own different value for it: a book with another code is another copy,
        even if its ISBN or title is the same.
        """
        keys = [key for key in self.kind.match_keys if set(key) <= self.mapped]
        ruled_out_by = []
        for position, key in enumerate(keys):
            row_key = tuple(match_text(values.get(name)) for name in key)
            if not row_key[0]:
                continue
            later = {name for other in keys[position + 1 :] for name in other}
            for page in self.index_for(key).get(row_key, []):
                if page["pk"] in self.claimed or self.ruled_out(page, ruled_out_by):
                    continue
                self.claimed.add(page["pk"])
                return page
            ruled_out_by.extend(name for name in key if name not in later)
        return None

    def ruled_out(self, page, names):
        return any(match_text(page[self.columns[name].attname]) for name in names)

    def same(self, name, page, values):
        column = self.columns[name]
        old = page[column.attname]
        new = values.get(name)
        if name == "subject":
            return old == (new.pk if new else None)
        return column.is_same(old, new)
