"""The journal: newest first, filters, paging at scale, multi-delete with undo."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate, QLocale

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
    assert f"{QLocale().toString(1200)} entries" in journal.count_label.text()  # grouped as the locale does
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
    # the kind in its column, the details beside it without the kind again
    assert [journal.model.index(0, c).data() for c in (2, 3)] == ["Stress", "6/10"]


def test_example_entries_are_marked_one_by_one_and_the_persons_own_is_not(qtbot, window, ui_store):
    """After the demo data and one entry of the person's own: every demo line in the Journal (and on Today) carries
    the Demo tag, its tooltip and screen-reader text say it is made up; the person's line does not. Removing the
    demo leaves the person's entry."""
    from datetime import date

    from PySide6.QtCore import Qt

    from gutpain_desktop.demo import DEMO_SOURCE

    window.add_demo()
    qtbot.waitUntil(window.demo_notice.isVisible, timeout=20_000)
    demo_ids = {e.id for e in ui_store.entries.entries()}
    assert len(demo_ids) == ui_store.entries.count(source=DEMO_SOURCE) > 500
    window.show_view("Today")
    window.today.set_day(date.today())
    window.today.checkin.stress.setValue(6)
    click(qtbot, window.today.checkin.save_button)
    (own,) = {e.id for e in ui_store.entries.entries()} - demo_ids

    journal = _journal(window)
    model = journal.model
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == len(demo_ids) + 1
    tooltip, accessible = Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole
    for row in range(model.rowCount()):
        details = model.index(row, 3)
        if model.row_at(row).id == own:
            assert details.data() == "6/10"
            assert "example" not in details.data(tooltip) and "Demo" not in details.data(accessible)
            assert model.index(row, 0).data(Qt.ItemDataRole.FontRole) is None
        else:
            assert model.row_at(row).id in demo_ids
            assert details.data().startswith("Demo · ")
            assert "made-up example entry" in details.data(tooltip)
            assert "Demo" in details.data(accessible) and "made-up example entry" in details.data(accessible)
            assert model.index(row, 2).data(accessible).startswith("Demo: ")
            assert model.index(row, 0).data(Qt.ItemDataRole.FontRole).italic()

    window.show_view("Today")
    today_lines = [window.today.day_list.item(i) for i in range(window.today.day_list.count())]
    (mine,) = [item for item in today_lines if item.data(Qt.ItemDataRole.UserRole)[0] == str(own)]
    assert "Demo" not in mine.text() and "example" not in mine.toolTip()
    assert all("Demo · " in item.text() for item in today_lines if item is not mine)  # none just after midnight
    earlier = max(e.local_date for e in ui_store.entries.entries() if e.local_date < date.today())
    window.today.set_day(earlier)  # a whole day of example entries
    lines = [window.today.day_list.item(i) for i in range(window.today.day_list.count())]
    assert lines and all(" Demo · " in item.text() and "made-up example" in item.toolTip() for item in lines)
    assert all("made-up example" in item.data(accessible) and item.font().italic() for item in lines)

    click(qtbot, window.demo_notice.remove_button)
    qtbot.waitUntil(lambda: not window.demo_notice.isVisible(), timeout=20_000)
    window.show_view("Journal")
    assert [model.row_at(i).id for i in range(model.rowCount())] == [own]
    assert model.index(0, 3).data() == "6/10"
    window.today.set_day(date.today())
    assert [window.today.day_list.item(i).text()[7:] for i in range(window.today.day_list.count())] == ["Stress: 6/10"]
