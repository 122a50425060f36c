"""Writing files safely, and keeping spreadsheet formulas out of text cells.

Files are written to a temporary file in the same folder, flushed and fsynced, given owner-only permissions (0600:
they hold health data) and only then renamed over the target, so a crash never leaves half a file under the real
name. The folder is fsynced too, so the rename itself survives a power cut (where the OS allows it).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

#: Characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def neutralise(text: str) -> str:
    """Text safe to open in a spreadsheet: a leading apostrophe when it would start a formula.

    Reversible by :func:`restore`: text that already starts with apostrophes before such a character gets one more,
    so ``restore(neutralise(s)) == s`` for every string. Only for text cells: numbers are never passed here.
    """
    if text.lstrip(QUOTE).startswith(FORMULA_STARTS):
        return QUOTE + text
    return text


def restore(text: str) -> str:
    """The text :func:`neutralise` was given (text without the added apostrophe passes unchanged)."""
    if text.startswith(QUOTE) and text.lstrip(QUOTE).startswith(FORMULA_STARTS):
        return text[1:]
    return text


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


@contextlib.contextmanager
def atomic_text(path: Path, *, encoding: str = "utf-8", newline: str = "") -> Iterator[IO[str]]:
    """Open a temporary text file beside ``path``; on success it replaces ``path`` (0600), on error it is removed."""
    folder = path.parent
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    temp = Path(temp_name)
    try:
        with contextlib.suppress(OSError):
            os.fchmod(handle, 0o600)
        with os.fdopen(handle, "w", encoding=encoding, newline=newline) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)
        _fsync_folder(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def atomic_bytes(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Like :func:`atomic_text` for binary content produced by ``write(stream)`` (for example a PDF)."""
    folder = path.parent
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    temp = Path(temp_name)
    try:
        with contextlib.suppress(OSError):
            os.fchmod(handle, 0o600)
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)
        _fsync_folder(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
