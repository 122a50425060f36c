"""The data-safety commands and start-up behaviour through the real entry point in child processes."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from gutpain_desktop.storage import DB_FILENAME
from gutpain_desktop.storage.backups import backup_files
from gutpain_desktop.storage.lock import InstanceLock
from tests.e2e.child import run_script
from tests.samples import table_counts


def cli(*args: str, data_dir: Path, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(extra_env or {})}
    env.pop("GUTPAIN_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "gutpain_desktop", "--data-dir", str(data_dir), *args],
        capture_output=True, text=True, timeout=120, env=env, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def test_backup_list_check_and_restore_headless(tmp_path: Path) -> None:
    data_dir = tmp_path / "journal"
    assert cli("demo", "--years", "0.1", data_dir=data_dir).returncode == 0
    entries = table_counts(data_dir / DB_FILENAME)["entry"]
    made = cli("backup", data_dir=data_dir)
    assert made.returncode == 0, made.stderr
    assert f"Backed up {entries} entries" in made.stdout
    assert cli("demo", "--years", "0.3", "--replace", data_dir=data_dir).returncode == 0
    more = table_counts(data_dir / DB_FILENAME)["entry"]
    assert more > entries

    listed = cli("backup", "--list", data_dir=data_dir)
    assert listed.returncode == 0 and "made by you" in listed.stdout and f" {entries} " in listed.stdout
    assert "Kept: the 5 newest" in listed.stdout

    checked = cli("check", data_dir=data_dir)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Journal: ok" in checked.stdout and "Newest backup" in checked.stdout

    with InstanceLock(data_dir):  # the app is open on it: restore refuses
        refused = cli("restore", "1", data_dir=data_dir)
    assert refused.returncode == 1 and "already open" in refused.stderr
    assert table_counts(data_dir / DB_FILENAME)["entry"] == more

    restored = cli("restore", "1", data_dir=data_dir)
    assert restored.returncode == 0, restored.stderr
    assert table_counts(data_dir / DB_FILENAME)["entry"] == entries
    assert "restore that to undo this" in restored.stdout
    undo = cli("restore", backup_files(data_dir / "backups")[0].path.name, data_dir=data_dir)
    assert undo.returncode == 0 and table_counts(data_dir / DB_FILENAME)["entry"] == more

    assert cli("restore", "no-such-backup", data_dir=data_dir).returncode == 2


def test_check_reports_damage_and_backup_refuses_to_copy_it(tmp_path: Path) -> None:
    data_dir = tmp_path / "journal"
    assert cli("demo", "--years", "0.1", data_dir=data_dir).returncode == 0
    db = data_dir / DB_FILENAME
    os.truncate(db, db.stat().st_size // 2 + 10)
    checked = cli("check", data_dir=data_dir)
    assert checked.returncode == 1 and "DAMAGED" in checked.stdout
    made = cli("backup", data_dir=data_dir)
    assert made.returncode == 1 and "looks damaged" in made.stderr
    assert not backup_files(data_dir / "backups")


def test_a_second_copy_of_the_app_on_the_same_folder_is_refused_kindly(tmp_path: Path) -> None:
    data_dir = tmp_path / "journal"
    with InstanceLock(data_dir):
        second = cli(data_dir=data_dir, extra_env={"GUTPAIN_BENCH_EXIT_AFTER_SHOW": "1"})
    assert second.returncode == 1
    assert "already open on the journal" in second.stderr and "Traceback" not in second.stderr
    assert not (data_dir / DB_FILENAME).exists()  # it wrote nothing


# The app on a damaged journal: the recovery dialog offers the backup, the person restores it; then every view is
# visited and Settings opened, and the modules loaded are listed.
RECOVER_AND_LOOK = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from gutpain_desktop.__main__ import main

    app = QApplication(sys.argv[:1])

    def choose():
        found = [w for w in app.topLevelWidgets() if w.accessibleName() == "Journal recovery" and w.isVisible()]
        dialog = found[0] if found else None
        if dialog is None:
            QTimer.singleShot(100, choose)
            return
        dialog.restore_button.click()
        QTimer.singleShot(300, look)

    def look():
        window = next(w for w in app.topLevelWidgets() if w.objectName() == "mainWindow")
        print("notice:", window.safety_notice.label.text(), flush=True)
        print("entries:", window.store.entries.count(), flush=True)
        print("paused:", window.safety.paused, flush=True)
        for name, *_ in window.views:
            window.show_view(name)
            app.processEvents()
        window.open_settings()
        app.processEvents()
        from gutpain_desktop.privacy import network_guard_installed
        loaded = sorted(m for m in sys.modules if "QtNetwork" in m or "WebEngine" in m or "WebSockets" in m)
        print("network modules:", loaded, "guard:", network_guard_installed(), flush=True)
        window.close()

    QTimer.singleShot(200, choose)
    sys.exit(main(sys.argv[1:]))
    """
)


def test_the_app_recovers_a_damaged_journal_from_the_newest_good_backup(tmp_path: Path) -> None:
    data_dir = tmp_path / "journal"
    assert cli("demo", "--years", "0.2", data_dir=data_dir).returncode == 0
    assert cli("backup", data_dir=data_dir).returncode == 0
    entries = table_counts(data_dir / DB_FILENAME)["entry"]
    db = data_dir / DB_FILENAME
    damaged = b"this is no longer a database" * 2000
    db.write_bytes(damaged)
    done = run_script(RECOVER_AND_LOOK, "--data-dir", str(data_dir), timeout=120)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert f"entries: {entries}" in out
    assert "paused: True" in out
    assert "was damaged; the backup from" in out and "Automatic backups are paused" in out
    assert "network modules: [] guard: True" in out
    kept = [p for p in data_dir.iterdir() if ".damaged-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged  # moved aside, never deleted
    assert [b.label for b in backup_files(data_dir / "backups")] == ["manual"]  # paused: no start or exit backup
