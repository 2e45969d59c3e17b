"""CSV files people open in a spreadsheet: cells that never run as formulas, streamed rows."""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """A cell a spreadsheet shows as text: never run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


class _Echo:
    """Stands in for a file: csv.writer's writerow() returns the line instead of storing it."""

    def write(self, line: str) -> str:
        return line


def csv_lines(header, rows):
    """The lines of a CSV file, one at a time (for a StreamingHttpResponse): a BOM first, so
    Excel reads UTF-8 and "Peña" stays "Peña", then the header and each row, every cell
    through csv_cell."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([csv_cell(c) for c in header])
    for row in rows:
        yield writer.writerow([csv_cell(c) for c in row])
