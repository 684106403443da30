"""Tables written as spreadsheets: XLSX (openpyxl, write-only) and CSV, from the same rows.

A table is a list of header labels and an iterable of rows whose cells are plain
Python values: ``str``, ``int``, ``Decimal``, ``date``, ``time``, ``datetime`` or ``None``.
Both writers take the same rows, so a CSV and an XLSX of one table hold the same content:

* XLSX: dates, times and numbers stay typed (a date is an Excel date, a value a number),
  the header row is bold and frozen, columns are sized from the header and the first
  rows (a Chinese character counts twice), and the sheet is written row by row
  (openpyxl's write-only mode: memory does not grow with the rows).
* CSV: UTF-8 with a byte-order mark (Excel then reads Chinese text correctly), dates in
  ISO 8601, produced line by line for a streaming response.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from django.utils import timezone

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"

DATE_FORMAT = "yyyy-mm-dd"
TIME_FORMAT = "hh:mm"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
NUMBER_FORMAT = "#,##0.##"
# Column widths are measured on the header and this many rows (the sheet is streamed).
WIDTH_SAMPLE_ROWS = 200
MIN_WIDTH, MAX_WIDTH = 6, 60
# Excel's limit on a cell's text.
MAX_CELL_TEXT = 32_767


def plain(value):
    """A cell as both writers take it: aware datetimes in local time (Excel has no zones)."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def as_text(value) -> str:
    """A cell as CSV writes it (and as a test compares the two formats)."""
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    return str(value)


def display_width(text: str) -> int:
    """Columns a text takes on screen: wide (CJK) characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _width(value) -> int:
    value = plain(value)
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    longest = max((display_width(line) for line in as_text(value).splitlines()), default=0)
    return longest


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def write_xlsx(
    headers: Sequence[str],
    rows: Iterable[Sequence],
    *,
    title: str,
    preamble: Sequence[str] = (),
):
    """The table as an XLSX workbook in a temporary file (positioned at its start).

    ``preamble``: lines written above the header row (a register's title, its threshold);
    the rows up to and including the header stay in view when scrolling.
    """
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    _append_sheet(workbook, headers, rows, title=title, preamble=preamble)
    return _saved(workbook)


def write_xlsx_sheets(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence]]]):
    """Several tables as one workbook, a sheet each (``(title, headers, rows)``), written
    as ``write_xlsx`` writes one (a report with a table per officer and per visit)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, headers, rows in sheets:
        _append_sheet(workbook, headers, rows, title=title)
    return _saved(workbook)


def _append_sheet(
    workbook, headers: Sequence[str], rows: Iterable[Sequence], *, title: str, preamble=()
) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    sheet = workbook.create_sheet(title=_sheet_title(title))
    rows = iter(rows)
    sample = list(itertools.islice(rows, WIDTH_SAMPLE_ROWS))
    for index, header in enumerate(headers, start=1):
        widest = max([display_width(str(header)), *(_width(row[index - 1]) for row in sample)])
        sheet.column_dimensions[_column_letter(index)].width = min(
            MAX_WIDTH, max(MIN_WIDTH, widest + 2)
        )
    sheet.freeze_panes = f"A{len(preamble) + 2}"

    bold = Font(bold=True)
    for line in preamble:
        cell = WriteOnlyCell(sheet, value=line)
        cell.font = bold
        sheet.append([cell])
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=str(header))
        cell.font = bold
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in itertools.chain(sample, rows):
        sheet.append([_xlsx_cell(sheet, value, WriteOnlyCell) for value in row])


def _saved(workbook):
    output = tempfile.TemporaryFile()  # noqa: SIM115 (the response closes it)
    workbook.save(output)
    output.seek(0)
    return output


def _xlsx_cell(sheet, value, cell_class):
    value = plain(value)
    if value is None or isinstance(value, str | bool):
        if isinstance(value, str) and len(value) > MAX_CELL_TEXT:
            value = value[: MAX_CELL_TEXT - 1] + "…"
        return value
    cell = cell_class(sheet, value=value)
    if isinstance(value, dt.datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, dt.time):
        cell.number_format = TIME_FORMAT
    elif isinstance(value, Decimal):
        cell.number_format = NUMBER_FORMAT
    return cell


def _sheet_title(title: str) -> str:
    """Excel's rules for a sheet name: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in str(title)).strip()
    return (cleaned or "Sheet")[:31]


def csv_lines(headers: Sequence[str], rows: Iterable[Sequence]) -> Iterator[str]:
    """The table as CSV text, a line at a time, the first one with a byte-order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(values) -> str:
        writer.writerow(values)
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield "\ufeff" + line([str(h) for h in headers])
    for row in rows:
        yield line([as_text(value) for value in row])
