"""The operating system's keyring, when the person asks it to remember the journal's passphrase. No Qt here.

The ``keyring`` package is optional and imported lazily. Without it, or without a usable backend (a headless Linux
box, a minimal desktop), everything here answers "not available" and the passphrase is typed at each start.
Failures never raise: the keyring only ever saves typing.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

SERVICE = "gutpain-desktop"
log = logging.getLogger(__name__)


def _backend() -> Any | None:
    """The keyring backend if one that can store secrets exists, else None."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # a misconfigured keyring must not stop the app
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
        return None
    return backend


def account(data_dir: Path) -> str:
    """One entry per journal folder."""
    return str(data_dir.resolve())


def available() -> bool:
    return _backend() is not None


def load(data_dir: Path) -> str | None:
    backend = _backend()
    if backend is None:
        return None
    try:
        found = backend.get_password(SERVICE, account(data_dir))
    except Exception as exc:
        log.warning("could not read the passphrase from the keyring: %s", type(exc).__name__)
        return None
    return found if isinstance(found, str) else None


def save(data_dir: Path, passphrase: str) -> bool:
    """Remember the passphrase; False when there is no keyring or it refused."""
    backend = _backend()
    if backend is None:
        return False
    try:
        backend.set_password(SERVICE, account(data_dir), passphrase)
    except Exception as exc:
        log.warning("could not store the passphrase in the keyring: %s", type(exc).__name__)
        return False
    return True


def forget(data_dir: Path) -> None:
    backend = _backend()
    if backend is None:
        return
    try:
        backend.delete_password(SERVICE, account(data_dir))
    except Exception:  # nothing stored, or the keyring refused: either way there is nothing more to do
        return
