"""Cells that a spreadsheet must show as text, never run as a formula (CSV and formula injection).

OWASP's advice: a cell that begins with =, +, -, @, a tab or a carriage return is prefixed with a
single quote. Spreadsheets take the quote as "this is text" and do not display it; every other cell
is written as it is. Imports take the quote off again, so an export can be imported back unchanged.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """`value` as a spreadsheet must read it: text that could start a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore_formula_text(value):
    """The inverse of `neutralise_formula`, for cells read back from a spreadsheet."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value
