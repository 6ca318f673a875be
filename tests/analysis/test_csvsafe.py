"""CSV exports must not run as spreadsheet formulas."""
import pytest

from analysis import safe_csv_cell


@pytest.mark.parametrize("cell", ["=1+1", "+44 7700", "-2+3", "@SUM(A1)", "\tx", "\rx",
                                  "=HYPERLINK(\"http://x\",\"click\")"])
def test_dangerous_first_characters_are_quoted(cell):
    assert safe_csv_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell, expected", [("needles", "needles"), ("", ""), (None, ""),
                                             (-0.5, "-0.5"), (3, "3"), (" =x", " =x")])
def test_ordinary_cells_and_numbers_are_unchanged(cell, expected):
    assert safe_csv_cell(cell) == expected
