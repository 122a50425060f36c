"""The entry lines of the Journal and of Today's list, and the Undo texts, in the person's language: with the
pseudo-translation (every translated text wrapped in ⟦ ⟧) each line is composed from its entry and translated, names
its kind once (the kind is shown beside it), and every text asked for is in pyside6-lupdate's catalogue. Without a
translation the stored English line is shown, without its kind."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from uuid import UUID

from PySide6.QtCore import QCoreApplication, Qt, QTranslator

from gutpain_desktop.demo.samples import every_kind
from gutpain_desktop.domain.describe import without_kind
from gutpain_desktop.domain.entries import KIND_LABELS, EntryKind
from gutpain_desktop.storage import Store
from gutpain_desktop.ui.formats import DisplayFormats
from gutpain_desktop.ui.main_window import MainWindow
from gutpain_desktop.ui.translate import LOWER_MID_SENTENCE, mid_sentence

from .conftest import click, flush, type_into
from .test_translation_ready import (  # noqa: F401 - german and pseudo are fixtures
    CLOSE,
    OPEN,
    german,
    lupdate_catalogue,
    pseudo,
)


def plain(text: str) -> str:
    return text.replace(OPEN, "").replace(CLOSE, "")


def journal_window(qtbot, store: Store) -> MainWindow:  # type: ignore[no-untyped-def]
    """The main window, shown, on the Journal."""
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    window.show_view("Journal")
    flush()
    return window


def shown_dates(english: str) -> str:
    """A stored line with its ISO dates written as the UI writes dates ("2026-12-01" -> "1 Dec 2026")."""
    return re.sub(r"\d{4}-\d{2}-\d{2}", lambda m: DisplayFormats.short_date(date.fromisoformat(m.group())), english)


def yesterdays_entries(store: Store) -> date:
    """One entry of every kind at noon yesterday (whatever the hour now); returns the day."""
    day = date.today() - timedelta(days=1)
    store.entries.add_many(every_kind(datetime.combine(day, time(12)).astimezone()))
    return day


def test_journal_and_today_show_each_line_translated_with_its_kind_once(qtbot, pseudo, ui_store, tmp_path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    day = yesterdays_entries(ui_store)
    window = MainWindow(ui_store)
    qtbot.addWidget(window)
    window.show()
    pseudo.asked.clear()

    window.show_view("Journal")
    flush()
    model = window.journal.model
    assert model.rowCount() == len(EntryKind)
    seen_kinds = set()
    for at in range(model.rowCount()):
        row = model.row_at(at)
        english = KIND_LABELS[row.kind]
        kind, details = model.index(at, 2).data(), model.index(at, 3).data()
        assert kind == f"{OPEN}{english}{CLOSE}"
        assert details.startswith(OPEN) and details.endswith(CLOSE), details  # composed and translated
        assert details.count(OPEN) >= 2 or row.kind is EntryKind.WEEKLY_CHECKIN, details  # and its parts
        # the same content as the stored English line, less the kind (labels keep their capital when translated)
        expected = shown_dates(without_kind(row.summary, row.kind))
        assert plain(details).casefold() == expected.casefold(), (details, row.summary)
        assert not plain(details).casefold().startswith(english.casefold()), details
        seen_kinds.add(row.kind)
    assert seen_kinds == set(EntryKind)
    sleep = next(model.index(r, 3).data() for r in range(model.rowCount()) if model.row_at(r).kind is EntryKind.SLEEP)
    assert plain(sleep) == "7.5 h, quality 6/10, woke unrefreshed"
    window.journal.table.grab().save(str(tmp_path / "journal.png"))

    window.show_view("Today")
    window.today.set_day(day)
    flush()
    lines = [window.today.day_list.item(i).text() for i in range(window.today.day_list.count())]
    assert len(lines) == len(EntryKind)
    stored = {r.id: r for r in ui_store.entries.journal()}
    for i, text in enumerate(lines):
        entry_id, _kind = window.today.day_list.item(i).data(Qt.ItemDataRole.UserRole)
        row = stored[UUID(entry_id)]
        english = KIND_LABELS[row.kind]
        shown = text.split("  ", 1)[1]
        assert shown.startswith(f"{OPEN}{OPEN}{english}{CLOSE}: {OPEN}"), shown  # "{kind}: {details}", translated
        assert plain(shown).casefold() == f"{english}: {shown_dates(without_kind(row.summary, row.kind))}".casefold()
        assert f"{english}: {english}".casefold() not in plain(shown).casefold(), shown
    window.today.grab().save(str(tmp_path / "today.png"))
    window.close()

    summaries = {text for context, text in pseudo.asked if context == "Summaries"}
    assert {"{level}/10", "{intensity}/10 ({kind}), {recall}", "Bristol type {bristol}: {form}"} <= summaries
    catalogue = lupdate_catalogue(tmp_path)
    if catalogue is None:
        return
    own = set(ui_store.catalog.names().values())
    asked = {(c, t) for c, t in pseudo.asked if not c.startswith("Q") and any(ch.isalpha() for ch in t)}
    missing = sorted(item for item in asked - catalogue if not (item[0] == "Labels" and item[1] in own))
    assert missing == [], missing


def test_without_a_translation_the_stored_english_is_shown_without_its_kind(qtbot, ui_store) -> None:  # type: ignore[no-untyped-def]
    day = yesterdays_entries(ui_store)
    window = journal_window(qtbot, ui_store)
    model = window.journal.model
    assert model.lines is not None and not model.lines.composing  # nothing read beyond the journal's lines
    shown = {model.row_at(r).kind: model.index(r, 3).data() for r in range(model.rowCount())}
    assert shown[EntryKind.SLEEP] == "7.5 h, quality 6/10, woke unrefreshed"
    assert (
        shown[EntryKind.PAIN]
        == "6/10 (muscle), average over the last 24 hours at Shoulder girdle, left, Neck, Lower back"
    )
    assert shown[EntryKind.STRESS] == "7/10 — deadline"
    assert shown[EntryKind.CONTEXT].startswith("period, exercise, medication: ibuprofen 400 mg")
    assert shown[EntryKind.SYMPTOM] == "Bloating 4/10"  # no kind at its start: as stored
    window.show_view("Today")
    window.today.set_day(day)
    flush()
    lines = [window.today.day_list.item(i).text().split("  ", 1)[1] for i in range(window.today.day_list.count())]
    assert "Sleep: 7.5 h, quality 6/10, woke unrefreshed" in lines and "Stress: 7/10 — deadline" in lines
    assert not [line for line in lines if any(f"{k}: {k}" in line for k in KIND_LABELS.values())]
    window.close()


def test_undo_texts_are_translated(qtbot, pseudo, ui_store) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    window = MainWindow(ui_store)
    qtbot.addWidget(window)
    window.show()
    dialog = window.today.open_entry_dialog(EntryKind.STRESS)
    type_into(qtbot, dialog.form.level, "5")
    click(qtbot, dialog.save_button)
    assert ui_store.entries.count() == 1
    assert window.undo_stack.undoText() == f"{OPEN}add {OPEN}Stress{CLOSE}{CLOSE}"  # the label as translated
    assert window.undo_action.text().count(OPEN) >= 2
    window.today.checkin.stress.setValue(6)
    click(qtbot, window.today.checkin.save_button)
    assert window.undo_stack.undoText() == f"{OPEN}check-in{CLOSE}"
    window.show_view("Journal")
    flush()
    window.journal.table.selectAll()
    window.journal.delete_selected()
    assert ui_store.entries.count() == 0
    assert window.undo_stack.undoText() == f"{OPEN}delete 2 entries{CLOSE}"
    window.undo_stack.undo()
    assert ui_store.entries.count() == 2
    assert f"{OPEN}delete 2 entries{CLOSE}" in window.status_label.text()  # "Brought back: …"
    window.close()


class Answering(QTranslator):
    """Translates "Bloating" and "Stress" as a German translator would, and answers the mid-sentence question."""

    def __init__(self, answer: str | None) -> None:
        super().__init__()
        self.answer = answer

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:  # type: ignore[override]
        if context == "Lists" and source == LOWER_MID_SENTENCE:
            return self.answer  # None: not answered
        return {"Bloating": "Blähungen", "Stress": "Stress"}.get(source) if context == "Labels" else None

    def isEmpty(self) -> bool:
        return False


def test_a_translated_label_keeps_its_capital_mid_sentence_unless_the_translator_says_otherwise(qtbot) -> None:  # type: ignore[no-untyped-def]
    assert [mid_sentence("Bloating"), mid_sentence("Stress"), mid_sentence("IBS pain")] == [
        "bloating",
        "stress",
        "IBS pain",
    ]
    for answer, expected in (
        (None, ["Blähungen", "stress"]),
        ("no", ["Blähungen", "Stress"]),
        ("yes", ["blähungen", "stress"]),
    ):
        translator = Answering(answer)
        QCoreApplication.installTranslator(translator)
        try:
            assert [mid_sentence("Bloating"), mid_sentence("Stress")] == expected, answer
        finally:
            QCoreApplication.removeTranslator(translator)
    assert mid_sentence("Bloating") == "bloating"


class German(QTranslator):
    """A few words as a German translation would have them."""

    def __init__(self) -> None:
        super().__init__()
        self.words = {
            "Neck": "Nacken",
            "Sleep": "Schlaf",
            "Pain": "Schmerz",
            "urgent": "dringend",
            "Bloating": "Blähungen",
        }

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:  # type: ignore[override]
        return self.words.get(source)  # None: not translated (the English is used)

    def isEmpty(self) -> bool:
        return False


def test_the_journal_search_finds_words_typed_in_the_persons_language(qtbot, ui_store) -> None:  # type: ignore[no-untyped-def]
    yesterdays_entries(ui_store)
    translator = German()
    QCoreApplication.installTranslator(translator)
    try:
        window = MainWindow(ui_store)
        qtbot.addWidget(window)
        window.show()
        window.show_view("Journal")
        journal = window.journal
        found = {}
        for typed in ("nacken", "DRINGEND", "blähung", "deadline", "Neck", "zzz"):
            journal.search.setText(typed)
            journal.reload()
            model = journal.model
            found[typed] = sorted(model.row_at(r).kind.value for r in range(model.rowCount()))
        assert found == {
            "nacken": ["pain"],  # the pain line names the neck
            "DRINGEND": ["bowel"],
            "blähung": ["challenge", "symptom"],  # "Bloating" in both lines
            "deadline": ["stress"],  # a note, as typed
            "Neck": ["pain"],  # the English still works
            "zzz": [],
        }
        journal.search.setText("nacken")
        journal.reload()
        assert "Nacken" in journal.model.index(0, 3).data()  # and the line shown is in the person's language
        assert journal.count_label.text().startswith("1 ")
        window.close()
    finally:
        QCoreApplication.removeTranslator(translator)


def test_with_a_translation_only_the_lines_on_screen_are_made(qtbot, pseudo, ui_store, now) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """The journal stays lazy: of 1,200 entries (500 rows loaded) only about a screenful of lines is composed."""
    from gutpain_desktop.domain.entries import StressEntry
    from gutpain_desktop.ui.models.journal_model import LINES_PAGE, PAGE_SIZE

    ui_store.entries.add_many(
        [StressEntry(occurred_at=now - timedelta(minutes=10 * i), level=i % 11) for i in range(1200)]
    )
    window = MainWindow(ui_store)
    qtbot.addWidget(window)
    window.show()
    window.show_view("Journal")
    journal = window.journal
    journal.table.viewport().grab()  # painted
    lines = journal.model.lines
    assert lines is not None and lines.composing
    assert journal.model.rowCount() == PAGE_SIZE
    on_screen = journal.table.rowAt(journal.table.viewport().height() - 1) - journal.table.rowAt(0) + 1
    assert 10 < on_screen <= len(lines) <= LINES_PAGE + 20 < PAGE_SIZE
    journal.table.scrollToBottom()
    qtbot.waitUntil(lambda: journal.model.rowCount() > PAGE_SIZE, timeout=2000)
    journal.table.viewport().grab()
    assert len(lines) <= 3 * (LINES_PAGE + 20)  # the first screen, the bottom of the first page, the new screen
    last = journal.table.rowAt(journal.table.viewport().height() - 1)
    assert journal.model.index(last, 3).data() == f"{OPEN}{journal.model.row_at(last).summary.split()[1]}{CLOSE}"
    window.close()


def test_in_a_locale_with_a_decimal_comma_the_lines_write_numbers_and_dates_its_way(qtbot, german, ui_store) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """No translation, but a German locale: the lines are composed from the entries, so the hours of sleep read
    "7,5 h" like every other number in the app, and the diet's start date is written as the locale writes dates."""
    day = yesterdays_entries(ui_store)
    window = journal_window(qtbot, ui_store)
    model = window.journal.model
    assert model.lines is not None and model.lines.composing
    shown = {model.row_at(r).kind: model.index(r, 3).data() for r in range(model.rowCount())}
    assert shown[EntryKind.SLEEP] == "7,5 h, quality 6/10, woke unrefreshed"
    assert f"from {DisplayFormats.short_date(day)}, leaving out" in shown[EntryKind.DIET_PHASE]
    assert day.isoformat() not in shown[EntryKind.DIET_PHASE]
    window.show_view("Today")
    window.today.set_day(day)
    flush()
    lines = [window.today.day_list.item(i).text() for i in range(window.today.day_list.count())]
    assert any(line.endswith("Sleep: 7,5 h, quality 6/10, woke unrefreshed") for line in lines), lines
    assert [r.summary for r in ui_store.entries.journal(kinds=[EntryKind.SLEEP])] == [
        "Sleep: 7.5 h, quality 6/10, woke unrefreshed"
    ]  # what is stored stays English
    window.close()
