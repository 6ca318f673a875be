"""Neutralising spreadsheet formula injection in exported CSV cells.

A resident can type ``=HYPERLINK(...)``; opened in Excel that cell would run. OWASP's advice:
prefix any cell that begins with = + - @ tab or carriage return with a single quote.
"""
from __future__ import annotations

__all__ = ["safe_csv_cell"]

_DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r")


def safe_csv_cell(value: object) -> str:
    """The cell as text, prefixed with ``'`` if a spreadsheet could read it as a formula.

    ``None`` becomes the empty string. Numbers are written as they are (``-0.5`` is data,
    not a formula, and a quote would stop it sorting as a number).
    """
    if type(value) is str:  # nearly every cell: the quickest test first
        return "'" + value if value.startswith(_DANGEROUS_FIRST) else value
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(_DANGEROUS_FIRST) else text
