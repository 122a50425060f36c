"""The journal: newest first, filters, paging at scale, multi-delete with undo."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate

from gutpain_desktop.domain.entries import EntryKind, FoodItem, MealEntry, MealType, StressEntry, SymptomEntry
from gutpain_desktop.ui.models.journal_model import PAGE_SIZE

from .conftest import click


def _seed(store, now, days=5):  # type: ignore[no-untyped-def]
    entries = []
    for d in range(days):
        when = now - timedelta(days=d)
        entries.append(StressEntry(occurred_at=when, level=d % 11))
        entries.append(SymptomEntry(occurred_at=when - timedelta(hours=1), symptom="bloating", severity=3))
        entries.append(
            MealEntry(
                occurred_at=when - timedelta(hours=2),
                meal_type=MealType.LUNCH,
                foods=(FoodItem("Lentil soup", ("processed_foods",)),),
            )
        )
    store.entries.add_many(entries)
    return entries


def _journal(window):  # type: ignore[no-untyped-def]
    window.show_view("Journal")
    return window.journal


def test_newest_first_and_filters(qtbot, window, ui_store, now):
    entries = _seed(ui_store, now)
    journal = _journal(window)
    model = journal.model
    assert model.rowCount() == 15
    times = [model.row_at(i).occurred_at for i in range(model.rowCount())]
    assert times == sorted(times, reverse=True)
    assert model.index(0, 2).data() == "Stress"
    assert "15 entries" in journal.count_label.text()

    journal.kind_filter.setCurrentIndex(journal.kind_filter.findData(EntryKind.MEAL.value))
    assert model.rowCount() == 5
    assert all(model.row_at(i).kind is EntryKind.MEAL for i in range(5))
    assert "Lentil soup" in model.index(0, 3).data()

    journal.kind_filter.setCurrentIndex(0)
    journal.from_date.enabled.setChecked(True)
    journal.from_date.edit.setDate(QDate.currentDate().addDays(-1))
    yesterday = QDate.currentDate().addDays(-1).toPython()
    # today and yesterday: 6 entries, fewer or more when "now" is just after midnight and some fall on other days
    assert model.rowCount() == sum(1 for e in entries if e.local_date >= yesterday)
    journal.from_date.enabled.setChecked(False)

    qtbot.keyClicks(journal.search, "lentil")
    qtbot.waitUntil(lambda: model.rowCount() == 5, timeout=2000)
    journal.search.clear()
    qtbot.waitUntil(lambda: model.rowCount() == 15, timeout=2000)


def test_large_journal_loads_in_pages(qtbot, window, ui_store, now):
    entries = [StressEntry(occurred_at=now - timedelta(minutes=10 * i), level=i % 11) for i in range(1200)]
    ui_store.entries.add_many(entries)
    journal = _journal(window)
    assert journal.model.rowCount() == PAGE_SIZE
    assert "1,200 entries" in journal.count_label.text()
    journal.table.scrollToBottom()
    qtbot.waitUntil(lambda: journal.model.rowCount() > PAGE_SIZE, timeout=2000)
    while journal.model.canFetchMore():
        journal.model.fetchMore()
    assert journal.model.rowCount() == 1200
    assert journal.model.row_at(1199).occurred_at == min(e.occurred_at for e in entries)


def test_delete_several_then_undo(qtbot, window, ui_store, now):
    _seed(ui_store, now, days=2)
    journal = _journal(window)
    journal.table.selectAll()
    assert journal.delete_button.isEnabled() and not journal.edit_button.isEnabled()
    click(qtbot, journal.delete_button)
    assert ui_store.entries.count() == 0
    assert journal.model.rowCount() == 0
    assert "Deleted 6 entries" in window.status_label.text()
    window.undo_action.trigger()
    assert ui_store.entries.count() == 6
    assert journal.model.rowCount() == 6
    # Restored exactly: same ids and details.
    assert {e.id for e in ui_store.entries.entries()} == {r.id for r in [journal.model.row_at(i) for i in range(6)]}


def test_journal_refreshes_after_a_checkin_on_today(qtbot, window, ui_store):
    journal = _journal(window)
    assert journal.model.rowCount() == 0
    window.show_view("Today")
    window.today.checkin.stress.setValue(6)
    click(qtbot, window.today.checkin.save_button)
    window.show_view("Journal")
    assert journal.model.rowCount() == 1
    assert journal.model.index(0, 3).data() == "Stress 6/10"
