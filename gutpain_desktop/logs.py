"""The app's log: a small rotating file in the platform's log folder, owner-only, with no health values in it.

What goes in: what the app did and what went wrong, with the file and line. What never goes in: anything a person
typed or logged. Log calls are written without values; on top of that, exception messages (which can quote a note,
a food or a database row) are withheld and only the exception's type and the code's frames are kept.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import re
import sys
import threading
from pathlib import Path
from types import TracebackType

import platformdirs

from . import APP_ID
from .paths import DATA_DIR_ENV

LOG_FILENAME = "gutpain-desktop.log"
#: Size at which the log rolls over, and how many old logs are kept: at most about 2 MB in all.
MAX_BYTES = 512 * 1024
BACKUP_COUNT = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
WITHHELD = "(message withheld: it may quote your entries)"
_TRACEBACK_START = "Traceback (most recent call last):"
_EXCEPTION_LINE = re.compile(r"^([A-Za-z_][\w.]*)(?::.*)?$")
_KEPT_PREFIXES = ("Traceback ", "  File ", "    ", "During handling of the above exception", "The above exception")

log = logging.getLogger(__name__)


def log_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """``<data folder>/logs`` when a data folder was given (--data-dir or the environment), else the platform's."""
    chosen = cli_value or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve() / "logs"
    return platformdirs.user_log_path(APP_ID, appauthor=False)


def scrub_traceback(text: str) -> str:
    """A traceback with the code's frames kept and every exception message withheld."""
    kept: list[str] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith(_KEPT_PREFIXES):
            kept.append(line)
            continue
        match = _EXCEPTION_LINE.match(line)
        if match and (match.group(1)[:1].isupper() or "." in match.group(1)) and " " not in match.group(1):
            kept.append(f"{match.group(1)}: {WITHHELD}" if ":" in line else match.group(1))
        # anything else (a continuation of a message, SQL parameters) is left out
    return "\n".join(kept)


def scrub_message(message: str) -> str:
    """A log message with any traceback inside it scrubbed (views log a worker's traceback as text)."""
    head, found, tail = message.partition(_TRACEBACK_START)
    return head + (scrub_traceback(found + tail) if found else "")


class ScrubbingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        cached = record.exc_text  # another handler may have cached the unscrubbed traceback on the record
        record.exc_text = None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatException(self, ei: object) -> str:
        return scrub_traceback(super().formatException(ei))  # type: ignore[arg-type]

    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = scrub_message(record.message)
        return super().formatMessage(record)


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files are created readable and writable by their owner only."""

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with contextlib.suppress(OSError):
            os.chmod(self.baseFilename, 0o600)
        return os.fdopen(fd, self.mode, encoding=self.encoding, errors=self.errors)


_handler: PrivateRotatingFileHandler | None = None


def setup_logging(folder: Path, level: int = logging.INFO) -> Path | None:
    """Send the app's log to ``folder/gutpain-desktop.log`` (rotated). Returns the file, or None if it cannot be
    written (then messages go to stderr only and the app carries on)."""
    global _handler
    path = folder / LOG_FILENAME
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = PrivateRotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
    except OSError as exc:
        print(f"The log cannot be written in {folder}: {exc.strerror or exc}", file=sys.stderr)
        return None
    handler.setFormatter(ScrubbingFormatter(FORMAT))
    root = logging.getLogger()
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    _handler = handler
    root.addHandler(handler)
    root.setLevel(min(root.level or level, level))
    threading.excepthook = _log_thread_exception
    return path


def current_log_file() -> Path | None:
    return Path(_handler.baseFilename) if _handler is not None else None


def stop_logging() -> None:
    global _handler
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None


def log_exception(
    kind: type[BaseException], value: BaseException, trace: TracebackType | None, *, where: str = "unexpected error"
) -> None:
    log.error("%s: %s", where, kind.__name__, exc_info=(kind, value, trace))


def _log_thread_exception(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    log_exception(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback, where="error in a thread")
