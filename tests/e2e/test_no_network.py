"""No network, provably: the audit hook refuses connections and name look-ups in a real child process, while a
real server listens in this one and receives nothing; and the running app never loads QtNetwork or QtWebEngine."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

ATTEMPTS = textwrap.dedent(
    """
    import socket, sys, urllib.error, urllib.request
    port = int(sys.argv[1])
    if sys.argv[2] == "guarded":
        from gutpain_desktop.privacy import install_network_guard
        install_network_guard()

    def attempt(name, action):
        try:
            action()
        except PermissionError as exc:
            print(f"refused {name}: {type(exc).__name__}: {exc}", flush=True)
        except urllib.error.URLError as exc:
            kind = "refused" if isinstance(exc.reason, PermissionError) else "failed"
            print(f"{kind} {name}: {exc.reason}", flush=True)
        except Exception as exc:
            print(f"failed {name}: {type(exc).__name__}: {exc}", flush=True)
        else:
            print(f"allowed {name}", flush=True)

    attempt("tcp", lambda: socket.create_connection(("127.0.0.1", port), timeout=2).close())
    def raw_connect():
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            s.settimeout(2)
            s.connect(("127.0.0.1", port))
        finally:
            s.close()
    attempt("socket.connect", raw_connect)
    attempt("http", lambda: urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).close())
    attempt("getaddrinfo", lambda: socket.getaddrinfo("localhost", 80))
    attempt("gethostbyname", lambda: socket.gethostbyname("example.org"))
    def udp():
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            s.sendto(b"hello", ("127.0.0.1", port))
        finally:
            s.close()
    attempt("udp", udp)
    def listen():
        s = socket.socket()
        try:
            s.bind(("127.0.0.1", 0))
        finally:
            s.close()
    attempt("listen", listen)
    attempt("QtNetwork", lambda: __import__("PySide6.QtNetwork"))
    attempt("QtWebEngineCore", lambda: __import__("PySide6.QtWebEngineCore"))
    """
)
EXPECTED = ["tcp", "socket.connect", "http", "getaddrinfo", "gethostbyname", "udp", "listen", "QtNetwork",
            "QtWebEngineCore"]  # fmt: skip


def run_attempts(port: int, mode: str) -> dict[str, str]:
    done = subprocess.run(
        [sys.executable, "-c", ATTEMPTS, str(port), mode],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    lines = [line.split(" ", 2) for line in done.stdout.splitlines()]
    return {name.rstrip(":"): outcome for outcome, name, *_ in lines}


def listening() -> socket.socket:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.3)
    return server


def connections(server: socket.socket) -> int:
    count = 0
    while True:
        try:
            conn, _ = server.accept()
        except TimeoutError:
            return count
        conn.close()
        count += 1


def test_the_guard_refuses_every_connection_and_look_up_and_the_server_hears_nothing() -> None:
    server = listening()
    try:
        found = run_attempts(server.getsockname()[1], "guarded")
        assert connections(server) == 0
    finally:
        server.close()
    assert found == dict.fromkeys(EXPECTED, "refused"), found


def test_without_the_guard_the_same_child_does_connect() -> None:
    """The control: the attempts are real, so the test above would fail if the guard stopped working."""
    server = listening()
    try:
        found = run_attempts(server.getsockname()[1], "open")
        assert connections(server) >= 2  # tcp and socket.connect (and http) reached the server
    finally:
        server.close()
    assert found["tcp"] == found["socket.connect"] == "allowed"
    assert found["listen"] == "allowed"
