"""Exceptions raised by libmatch.

Every error the C library reports becomes one of these classes (all derive from
:class:`Error`):

========================  ===============================================================
:class:`InputError`       scenario data break a rule: a bad value, a missing or duplicate
                          id, malformed JSON, or a scenario file that cannot be read
:class:`ArgumentError`    a bad argument to a call (also a :class:`ValueError`)
:class:`FileError`        a plan file cannot be written (also an :class:`OSError`)
:class:`SolverError`      the solver failed internally
:class:`OutOfMemoryError` the library ran out of memory (also a :class:`MemoryError`)
========================  ===============================================================

A solve stopped by Ctrl-C or by an interrupt callback raises :class:`KeyboardInterrupt`.
Arguments of the wrong Python type raise :class:`TypeError`.
"""

import re

__all__ = ["Error", "InputError", "ArgumentError", "FileError", "SolverError",
           "OutOfMemoryError", "CODES"]

#: libmatch's error codes by name (the values of the C enum match_error_code).
CODES = {
    "MATCH_OK": 0,
    "MATCH_EINVAL": -1,
    "MATCH_ENOMEM": -2,
    "MATCH_EIO": -3,
    "MATCH_EPARSE": -4,
    "MATCH_EINPUT": -5,
    "MATCH_ENOTFOUND": -6,
    "MATCH_EDUPLICATE": -7,
    "MATCH_ESOLVER": -8,
    "MATCH_EINTERRUPTED": -9,
}
_NAMES = {value: name for name, value in CODES.items()}


class Error(Exception):
    """Base class of the errors libmatch raises.

    Attributes:
        code: the C error code (a negative int, see :data:`CODES`), or None.
        message: the library's message, which names the item and field when it can.
    """

    def __init__(self, message, code=None):
        super().__init__(message)
        self.message = message
        self.code = code

    @property
    def code_name(self):
        """The name of the C error code, for example ``"MATCH_EINPUT"``."""
        return _NAMES.get(self.code)


# Messages name items as `volunteer "V01": field "hours": ...` (built item by item) or
# `xinmi.json: volunteers[3] (id "V0004"): field "hours": ...` (read from a file).
_ITEM_FROM_FILE = re.compile(r'\(id "((?:[^"\\]|\\.)*)"\)')
_ITEM_BUILT = re.compile(r'(?:^|: )(?:community|unit|volunteer|resource|need) '
                         r'"((?:[^"\\]|\\.)*)"')
_ITEM_LOOKUP = re.compile(r'no (?:community|unit|volunteer|resource|need) with id '
                          r'"((?:[^"\\]|\\.)*)"')
_FIELD = re.compile(r'field "((?:[^"\\]|\\.)*)"')


class InputError(Error, ValueError):
    """Scenario data break a rule, or a scenario file cannot be read or parsed.

    Attributes:
        item: the id of the offending item when the message names one, else None.
        field: the offending field when the message names one, else None.
    """

    def __init__(self, message, code=None):
        super().__init__(message, code)
        self.item = None
        self.field = None
        match = _ITEM_FROM_FILE.search(message) or _ITEM_BUILT.search(message) \
            or _ITEM_LOOKUP.search(message)
        if match:
            self.item = match.group(1)
        match = _FIELD.search(message)
        if match:
            self.field = match.group(1)


class ArgumentError(Error, ValueError):
    """A bad argument: an unknown policy field, an empty id, a call in the wrong state."""


class FileError(Error, OSError):
    """A file could not be written (the message names the path)."""


class SolverError(Error):
    """The solver failed internally; the message holds its own text."""


class OutOfMemoryError(Error, MemoryError):
    """libmatch could not allocate memory."""


def _from_code(code, message, reading=0):
    """Returns the exception for a C error code (used by the low-level module).

    ``reading`` is true when a scenario was being read: a file that cannot be read is then
    an :class:`InputError`.
    """
    if code == CODES["MATCH_EINTERRUPTED"]:
        return KeyboardInterrupt(message)
    if code in (CODES["MATCH_EPARSE"], CODES["MATCH_EINPUT"], CODES["MATCH_ENOTFOUND"],
                CODES["MATCH_EDUPLICATE"]):
        return InputError(message, code)
    if code == CODES["MATCH_EIO"]:
        return InputError(message, code) if reading else FileError(message, code)
    if code == CODES["MATCH_EINVAL"]:
        return ArgumentError(message, code)
    if code == CODES["MATCH_ESOLVER"]:
        return SolverError(message, code)
    if code == CODES["MATCH_ENOMEM"]:
        return OutOfMemoryError(message, code)
    return Error(message, code)
