"""Saving that fails for reasons outside the app (disk full, read-only folder, no permission) as one clear error.

Each save is one transaction, so when it fails nothing of it was written; the message says so and what to do.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError

from ..i18n import QT_TRANSLATE_NOOP, Phrase
from .cipher import is_database_error, is_integrity_error

KEEP = QT_TRANSLATE_NOOP("Storage", "Nothing was saved, and what you typed is still here, so you can try again.")


class StorageWriteError(RuntimeError):
    """A save failed because the journal could not be written; nothing of the save was written.

    ``phrase`` says so in words the UI translates; ``str()`` is the English."""

    def __init__(self, phrase: Phrase | str) -> None:
        super().__init__(str(phrase))
        self.phrase = phrase


class StorageOpenError(OSError):
    """The journal could not be opened (permissions, a read-only folder, not a file...). Nothing was changed."""


def explain_write_failure(error: BaseException) -> str:
    """In words for the person: what went wrong and what to do."""
    return str(write_failure(error))


def write_failure(error: BaseException) -> Phrase:
    """:func:`explain_write_failure` as a phrase the UI translates."""
    return Phrase.of(
        QT_TRANSLATE_NOOP("Storage", "Not saved. {reason} {keep}"), reason=_reason(error), keep=Phrase.of(KEEP)
    )


def _reason(error: BaseException) -> Phrase:
    text = str(getattr(error, "orig", None) or error).lower()
    errno = getattr(error, "errno", None)
    if "disk is full" in text or "no space" in text or errno == 28:
        reason = QT_TRANSLATE_NOOP(
            "Storage", "The disk that holds your journal is full. Free some space, then save again."
        )
    elif "readonly" in text or "read-only" in text or errno == 30:
        reason = QT_TRANSLATE_NOOP(
            "Storage",
            "Your journal cannot be written to: the file or its folder is read-only (for example a locked USB stick "
            "or a folder shared read-only).",
        )
    elif "permission" in text or "unable to open" in text or errno in (1, 13):
        reason = QT_TRANSLATE_NOOP(
            "Storage", "Permission to write your journal was refused by the system. Check who owns its folder."
        )
    elif "locked" in text or "busy" in text:
        reason = QT_TRANSLATE_NOOP("Storage", "Your journal is busy in another program. Wait a moment and save again.")
    elif "i/o error" in text or errno == 5:
        reason = QT_TRANSLATE_NOOP(
            "Storage",
            "The disk reported an error while writing. If it is a removable disk, check that it is plugged in.",
        )
    else:
        return Phrase.of(
            QT_TRANSLATE_NOOP("Storage", "Your journal could not be written ({error})."),
            error=f"{error.__class__.__name__}: {getattr(error, 'orig', error)}",
        )
    return Phrase.of(reason)


@contextmanager
def writing() -> Iterator[None]:
    """Turn database and OS errors of a write into :class:`StorageWriteError` (the transaction was rolled back)."""
    try:
        yield
    except (DBAPIError, sqlite3.DatabaseError, OSError) as exc:
        original = exc.orig if isinstance(exc, DBAPIError) else exc
        if original is None or is_integrity_error(original):
            raise  # a broken rule of ours is a bug, not the disk
        if not (is_database_error(original) or isinstance(original, OSError)):
            raise  # not the disk either: let it surface as the bug it is
        raise StorageWriteError(write_failure(exc)) from exc


def explain_open_failure(db_path: object, error: BaseException) -> str:
    return f"Your journal {db_path} could not be opened. {_reason(error)}"
