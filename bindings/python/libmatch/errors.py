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

from . import libmatch_c as _c

__all__ = ["Error", "InputError", "ArgumentError", "FileError", "SolverError",
           "OutOfMemoryError", "CODES"]

#: libmatch's error codes by name, read from the C library (the enum match_error_code).
CODES = {name: getattr(_c, name) for name in dir(_c)
         if name == "MATCH_OK" or re.fullmatch(r"MATCH_E[A-Z]+", name)}
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


class InputError(Error, ValueError):
    """Scenario data break a rule, or a scenario file cannot be read or parsed.

    Attributes (from the library's structured error, match_error_detail):
        kind: the kind of item the error is about ("community", "unit", "volunteer",
            "resource", "need" or "pair"), else None.
        item: the id of the offending item, else None; for a pair, its volunteer.
        need: for a pair, its need; else None.
        field: the offending field, as the scenario file names it, else None.
    """

    def __init__(self, message, code=None, kind=None, item=None, field=None, need=None):
        super().__init__(message, code)
        self.kind = kind or None
        self.item = item or None
        self.need = need or None
        self.field = field or None


class ArgumentError(Error, ValueError):
    """A bad argument: an unknown policy field, an empty id, a call in the wrong state."""


class FileError(Error, OSError):
    """A file could not be written (the message names the path)."""


class SolverError(Error):
    """The solver failed internally; the message holds its own text."""


class OutOfMemoryError(Error, MemoryError):
    """libmatch could not allocate memory."""


def _from_detail(code, message, kind="", item="", need="", field="", reading=0):
    """Returns the exception for a C error with its structured detail (used by the
    low-level module); empty strings mean "not named"."""
    exc = _from_code(code, message, reading)
    if isinstance(exc, InputError):
        exc.kind, exc.item, exc.need, exc.field = kind or None, item or None, need or None, \
            field or None
    return exc


def _from_code(code, message, reading=0):
    """Returns the exception for a C error code.

    ``reading`` is true when a file was being read: a file that cannot be read is then an
    :class:`InputError`.
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
