"""No network, enforced at run time: an audit hook (PEP 578) that refuses every socket connection and name look-up.

Installed first thing by ``gutpain-desktop`` (the app and every command). Audit hooks cannot be removed, so once
installed nothing in this process, our code or a library's, can reach the network through Python. Qt's own C++
sockets do not pass through Python's audit events; they are ruled out by never importing QtNetwork or QtWebEngine,
which the hook also refuses.
"""

from __future__ import annotations

import sys
from typing import Any

#: Audit events that reach the network (connections, sending to an address, listening) or ask for a name.
NETWORK_EVENTS = frozenset(
    {
        "socket.connect",  # also raised by connect_ex
        "socket.bind",
        "socket.sendto",
        "socket.sendmsg",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyaddr",
        "socket.getnameinfo",
    }
)
#: Qt modules that open sockets of their own (not seen by the hook): their import is refused.
FORBIDDEN_MODULES = ("PySide6.QtNetwork", "PySide6.QtWebEngine", "PySide6.QtWebSockets", "PySide6.QtHttpServer")

_installed = False


class NetworkBlockedError(PermissionError):
    """GutPain Desktop never uses the network; something tried to."""


def _is_forbidden_module(name: object) -> bool:
    return isinstance(name, str) and any(
        name == forbidden or name.startswith(forbidden) for forbidden in FORBIDDEN_MODULES
    )


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if event in NETWORK_EVENTS:
        raise NetworkBlockedError(f"GutPain Desktop works offline and refused a network request ({event}).")
    if event == "import" and args and _is_forbidden_module(args[0]):
        raise NetworkBlockedError(f"GutPain Desktop works offline and refused to load {args[0]}.")


def install_network_guard() -> bool:
    """Install the hook once per process; returns False if it was already installed."""
    global _installed
    if _installed:
        return False
    sys.addaudithook(_hook)
    _installed = True
    return True


def network_guard_installed() -> bool:
    return _installed
