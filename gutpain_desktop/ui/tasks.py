"""Run work off the UI thread and get the result back on it (Anki's operations, in small).

Workers never touch widgets: they compute and return; ``on_done`` runs on the UI thread. A newer request with the same
key makes an older, still-running result stale, so a quick series of range changes draws only the last one.
"""

from __future__ import annotations

import gc
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _CollectorPause:
    """Python's cyclic garbage collector is paused while any background job runs.

    A job that holds hundreds of thousands of rows (export, import, insights on years of entries) makes every full
    collection walk all of them while holding the GIL: measured here, 50-120 ms at 10 years of entries and more at
    10x, and the window cannot repaint meanwhile. The rows are freed by reference counting anyway; the collector
    runs again, as usual, once the last job is done.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._was_enabled = True

    def __enter__(self) -> None:
        with self._lock:
            if self._running == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._running += 1

    def __exit__(self, *_exc: object) -> None:
        with self._lock:
            self._running -= 1
            if self._running == 0 and self._was_enabled:
                gc.enable()


_collector_pause = _CollectorPause()

#: How long a Python thread may hold the GIL before it must offer it (CPython's default is 5 ms).
SWITCH_INTERVAL_S = 0.001


def _keep_the_ui_thread_served() -> None:
    """Let a waiting thread take the GIL after 1 ms instead of 5 ms, while background work runs.

    Every time Qt calls into Python on the UI thread (a slot, a timer, an overridden event or paint method of one of
    our widgets) that thread must first take the GIL from the busy worker. With CPython's 5 ms interval a repaint
    that calls into Python a few dozen times waited 100-240 ms in all during a large export (measured on the 10x
    journal: gaps over 100 ms about 20 times per export); at 1 ms there was none over 50 ms, and the export took
    3-5% longer.
    """
    if sys.getswitchinterval() > SWITCH_INTERVAL_S:
        sys.setswitchinterval(SWITCH_INTERVAL_S)


class _Relay(QObject):
    finished = Signal(int, object, str)
    progress = Signal(int, int, int)


class _Job(QRunnable):
    def __init__(self, serial: int, work: Callable[[], Any], relay: _Relay):
        super().__init__()
        self.serial = serial
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            with _collector_pause:
                result = self.work()
        except Exception:  # reported on the UI thread, never swallowed
            self.relay.finished.emit(self.serial, None, traceback.format_exc())
            return
        self.relay.finished.emit(self.serial, result, "")


class TaskRunner(QObject):
    """One lane of background work for a view: the latest request wins."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None):
        super().__init__(parent)
        _keep_the_ui_thread_served()
        self.pool = pool or QThreadPool.globalInstance()
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_finished)
        self._relay.progress.connect(self._on_progress_signal)
        self._on_progress: tuple[int, Callable[[int, int], None] | None] = (0, None)
        self._serial = 0
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[str], None] | None]] = {}

    def run_with_progress(
        self,
        work: Callable[[Callable[[int, int], None], Callable[[], bool]], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[str], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> int:
        """Like :meth:`run`; ``work(progress, cancelled)`` reports ``progress(done, total)`` (shown on the UI thread
        by ``on_progress``) and should stop when ``cancelled()`` turns true (a newer request or :meth:`cancel`)."""
        serial = self._serial + 1
        relay = self._relay

        def report(done: int, total: int) -> None:
            relay.progress.emit(serial, done, total)

        def cancelled() -> bool:
            return serial not in self._callbacks

        self._on_progress = (serial, on_progress)
        return self.run(lambda: work(report, cancelled), on_done, on_error)

    def cancel(self) -> None:
        """Forget the running request: its result is dropped and ``cancelled()`` tells its work to stop."""
        if self._callbacks:
            self._callbacks = {}
            self.busy_changed.emit(False)

    def _on_progress_signal(self, serial: int, done: int, total: int) -> None:
        wanted, callback = self._on_progress
        if serial == wanted and serial in self._callbacks and callback is not None:
            callback(done, total)

    def run(
        self, work: Callable[[], Any], on_done: Callable[[Any], None], on_error: Callable[[str], None] | None = None
    ) -> int:
        self._serial += 1
        self._callbacks = {self._serial: (on_done, on_error)}  # older results become stale
        self.busy_changed.emit(True)
        self.pool.start(_Job(self._serial, work, self._relay))
        return self._serial

    def _on_finished(self, serial: int, result: object, error: str) -> None:
        callbacks = self._callbacks.pop(serial, None)
        if callbacks is None:
            return  # a newer request replaced this one
        self.busy_changed.emit(False)
        on_done, on_error = callbacks
        if error:
            if on_error is not None:
                on_error(error)
            return
        on_done(result)

    def wait(self, msecs: int = 10_000) -> bool:
        """For tests and shutdown: wait until the pool is idle."""
        return self.pool.waitForDone(msecs)
