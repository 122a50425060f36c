"""Export, Report and Import dialogs: typed into and clicked as a person would; the work runs in the background and
the result shows in the dialog, in the files and in the database."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QLabel

from gutpain_desktop.domain.entries import StressEntry
from tests.ui.conftest import click, type_into

FLAREDOWN = Path(__file__).resolve().parents[1] / "fixtures" / "exchange" / "flaredown_sample.csv"


def test_export_dialog_writes_the_files(qtbot, window, ui_store, tmp_path, now):  # type: ignore[no-untyped-def]
    ui_store.entries.add(StressEntry(occurred_at=now, level=4, note="=1+1"))
    dialog = window.open_export()
    qtbot.waitExposed(dialog)
    reminder = next(w for w in dialog.findChildren(QLabel) if w.accessibleName() == "Health data reminder")
    assert reminder.isVisible() and "health data" in reminder.text()
    type_into(qtbot, dialog.folder, str(tmp_path / "for-doctor"))
    click(qtbot, dialog.export_button)
    qtbot.waitUntil(lambda: dialog.exported is not None, timeout=20_000)
    assert "Saved 1 entries" in dialog.status.text() and dialog.export_button.isEnabled()
    entries = (tmp_path / "for-doctor" / "entries.csv").read_text(encoding="utf-8")
    assert "'=1+1" in entries
    assert stat.S_IMODE(os.stat(tmp_path / "for-doctor" / "entries.csv").st_mode) == 0o600
    assert window.status_label.text().startswith("Exported to")
    dialog.reject()


def test_import_dialog_maps_flaredown_columns_and_imports_all(qtbot, window, ui_store):  # type: ignore[no-untyped-def]
    dialog = window.open_import()
    qtbot.waitExposed(dialog)
    type_into(qtbot, dialog.path, str(FLAREDOWN))
    assert dialog.format.currentData() == "flaredown"  # recognised from the file
    click(qtbot, dialog.check_button)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20_000)
    assert dialog.mapping.isVisible() and dialog.mapping.rowCount() == 6
    assert "15 new" in dialog.preview.toPlainText() and "6 weather columns" in dialog.preview.toPlainText()
    assert ui_store.entries.count() == 0  # checking writes nothing

    # The person maps "Fibromyalgia" to their own "Abdominal pain" and checks again.
    shown = [dialog.mapping.cellWidget(row, 3).currentText() for row in range(6)]
    assert shown == [
        "New symptom: Fibromyalgia",
        "Symptom: Fatigue",
        "Symptom: Bloating",  # matched whatever the case
        "New symptom: Joint stiffness",
        "Medication taken (context entry)",
        "Medication taken (context entry)",
    ]
    combo = dialog.mapping.cellWidget(0, 3)
    assert isinstance(combo, QComboBox) and combo.currentText() == "New symptom: Fibromyalgia"
    combo.setCurrentIndex(combo.findText("Symptom: Abdominal pain"))
    assert not dialog.import_button.isEnabled()
    click(qtbot, dialog.check_button)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20_000)
    assert "Fibromyalgia" not in dialog.preview.toPlainText().split("New symptoms:")[-1]
    click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=20_000)
    assert "Imported 15 entries" in dialog.status.text()
    assert ui_store.entries.count() == 15
    bloating = [e for e in ui_store.entries.entries() if getattr(e, "symptom", "") == "bloating"]
    assert [e.severity for e in bloating] == [3, 0]
    assert not any(d.key == "fibromyalgia" for d in ui_store.catalog.symptoms())
    dialog.reject()


def test_import_dialog_shows_problems_and_imports_nothing(qtbot, window, ui_store, tmp_path):  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.csv"
    bad.write_text(FLAREDOWN.read_text(encoding="utf-8").replace(",3,2,1,", ",9,2,1,"), encoding="utf-8")
    dialog = window.open_import()
    type_into(qtbot, dialog.path, str(bad))
    click(qtbot, dialog.check_button)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20_000)
    assert "line 2, Fibromyalgia: 9 is outside Flaredown's 0-4 scale" in dialog.preview.toPlainText()
    assert not dialog.import_button.isEnabled() and "nothing can be imported" in dialog.status.text()
    type_into(qtbot, dialog.path, str(tmp_path / "missing.csv"))
    dialog.format.setCurrentIndex(0)
    click(qtbot, dialog.check_button)
    qtbot.waitUntil(lambda: dialog.check_button.isEnabled(), timeout=20_000)
    assert "nothing was changed" in dialog.status.text() and "Cannot read" in dialog.preview.toPlainText()
    assert ui_store.entries.count() == 0
    dialog.reject()


def test_report_dialog_saves_a_pdf(qtbot, window, ui_store, tmp_path, now):  # type: ignore[no-untyped-def]
    ui_store.entries.add(StressEntry(occurred_at=now, level=4))
    dialog = window.open_report()
    type_into(qtbot, dialog.path, str(tmp_path / "summary"))
    type_into(qtbot, dialog.name, "Sam")
    click(qtbot, dialog.create_button)
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=60_000)
    assert dialog.written == tmp_path / "summary.pdf" and dialog.written.read_bytes().startswith(b"%PDF")
    assert "Saved a 2-page summary" in dialog.status.text()
    dialog.reject()


def test_journal_buttons_open_the_export_and_the_report(qtbot, window):  # type: ignore[no-untyped-def]
    from gutpain_desktop.ui.dialogs.exchange import ExportDialog, ReportDialog

    window.show_view("Journal")
    for button, kind in ((window.journal.export_button, ExportDialog), (window.journal.report_button, ReportDialog)):
        assert button.isVisible() and button.isEnabled()
        click(qtbot, button)
        dialog = window.findChild(kind)
        assert dialog is not None and dialog.isVisible()
        dialog.reject()
