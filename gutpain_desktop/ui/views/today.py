"""Today: the quick daily check-in, quick-add buttons for everything else, and what is logged on the chosen day."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from uuid import UUID

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.diet import active_challenge, phase_words, protocol_words
from ...domain.entries import (
    KIND_LABELS,
    RECALL_LABELS,
    AnyEntry,
    ChallengeEntry,
    DietPhase,
    DietPhaseEntry,
    EntryKind,
    PainEntry,
    PainRecall,
    SleepEntry,
    StressEntry,
    SymptomEntry,
)
from ...domain.preferences import Tracker, TrackingPreferences
from ...domain.validation import ValidationError
from ...i18n import QT_TRANSLATE_NOOP, Phrase
from ...storage import StorageWriteError
from ..commands import AddEntriesCommand, DeleteEntriesCommand, checking_in, deleting
from ..dialogs.entry_dialog import EntryDialog, open_entry_dialog
from ..forms import local_datetime
from ..forms.base import PAIN_HINT, SCORE_HINT, buddy_label, form_layout, hint
from ..forms.ratings import SleepForm
from ..models.entry_lines import EntryLines
from ..services import Services
from ..translate import label as translated
from ..translate import phrase
from ..widgets.common import BodySitePicker, ErrorLabel, ScoreSpin
from ..widgets.demo_notice import demo_mark, mark_demo_item
from ..widgets.learn import learn_link

#: The longest a challenge runs: three dose days and a break of up to 14 days.
CHALLENGE_WINDOW_MAX = 17

#: (kind, menu text, shortcut, the tracker that shows it) of the quick-add buttons beside the check-in and the Log menu.
#: The buttons carry no Alt+letter mnemonic (their Ctrl shortcuts are quicker and the check-in's labels use letters).
QUICK_ADD: tuple[tuple[EntryKind, str, str, Tracker], ...] = (
    (EntryKind.MEAL, QT_TRANSLATE_NOOP("Labels", "New &meal…"), "Ctrl+M", Tracker.MEALS),
    (EntryKind.BOWEL, QT_TRANSLATE_NOOP("Labels", "New &bowel movement…"), "Ctrl+B", Tracker.BOWEL),
    (EntryKind.SYMPTOM, QT_TRANSLATE_NOOP("Labels", "New s&ymptom…"), "Ctrl+Shift+Y", Tracker.SYMPTOMS),
    (EntryKind.PAIN, QT_TRANSLATE_NOOP("Labels", "New &pain…"), "Ctrl+Shift+P", Tracker.PAIN),
    (EntryKind.CONTEXT, QT_TRANSLATE_NOOP("Labels", "New &context or reaction…"), "Ctrl+Shift+C", Tracker.CONTEXT),
    (EntryKind.DIET_PHASE, QT_TRANSLATE_NOOP("Labels", "Set &diet phase…"), "Ctrl+D", Tracker.DIET),
    (EntryKind.CHALLENGE, QT_TRANSLATE_NOOP("Labels", "Start a c&hallenge…"), "Ctrl+Shift+G", Tracker.DIET),
    (EntryKind.WEEKLY_CHECKIN, QT_TRANSLATE_NOOP("Labels", "&Weekly check-in…"), "Ctrl+Shift+W", Tracker.WEEKLY),
)
NEW_CHECKIN_SHORTCUT = "Ctrl+N"
#: The fewest days between two weekly check-ins the app asks for (their questions cover the past week).
WEEKLY_MIN_GAP = 5


def plain(text: str) -> str:
    """Menu text without its mnemonic and ellipsis: 'New &meal…' -> 'New meal'."""
    return text.replace("&", "").rstrip("…")


class CheckInForm(QGroupBox):
    """Pain, where it hurts, stress, last night's sleep and the tracked symptoms: one save.

    The sections are shown and ordered as the person chose (:class:`TrackingPreferences`); Tab follows that order.
    """

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(self.tr("Daily check-in"), parent)
        self.services = services
        layout = QVBoxLayout(self)
        form = form_layout()
        self.time_edit = QTimeEdit()
        self.time_edit.setDisplayFormat(services.formats.time_pattern())
        self.time_edit.setAccessibleName(self.tr("Check-in time"))
        form.addRow(self.tr("&Time"), self.time_edit)
        layout.addLayout(form)
        self.sections_layout = QVBoxLayout()
        self.sections_layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.sections_layout)

        pain_section = QWidget()
        pain_form = form_layout(pain_section)
        pain_form.setContentsMargins(0, 0, 0, 0)
        pain_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        pain_row = QHBoxLayout()
        self.pain = ScoreSpin(self.tr("Pain"))
        self.recall = QComboBox()
        self.recall.setAccessibleName(self.tr("Pain recall period"))
        for recall in (PainRecall.AVERAGE_24H, PainRecall.NOW, PainRecall.WORST):
            self.recall.addItem(translated(RECALL_LABELS[recall]), recall)
        pain_row.addWidget(self.pain)
        pain_row.addWidget(self.recall)
        pain_row.addWidget(hint(translated(PAIN_HINT)), 1)
        pain_row.addWidget(learn_link(services, "gut-brain-axis", QT_TRANSLATE_NOOP("Labels", "Gut, brain and pain")))
        pain_form.addRow(buddy_label(self.tr("&Pain (0–10)"), self.pain), pain_row)
        self.sites = BodySitePicker(self.tr("Where it h&urts"))  # Alt+U: the first body site

        stress_section = QWidget()
        stress_form = form_layout(stress_section)
        stress_form.setContentsMargins(0, 0, 0, 0)
        stress_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        stress_row = QHBoxLayout()
        self.stress = ScoreSpin(self.tr("Stress"))
        stress_row.addWidget(self.stress)
        stress_row.addWidget(hint(translated(SCORE_HINT)), 1)
        stress_row.addWidget(learn_link(services, "stress-and-gut", QT_TRANSLATE_NOOP("Labels", "Stress and the gut")))
        stress_form.addRow(buddy_label(self.tr("&Stress (0–10)"), self.stress), stress_row)

        self.sleep_box = QGroupBox(self.tr("Sleep last ni&ght"))
        self.sleep_box.setCheckable(True)
        self.sleep_box.setChecked(False)
        self.sleep_box.setAccessibleName(self.tr("Record last night's sleep"))
        self.sleep_box.setToolTip(
            self.tr("Tick to record last night's sleep with this check-in (Alt+G). The times start as last time's.")
        )
        sleep_layout = QVBoxLayout(self.sleep_box)
        self.sleep = SleepForm(services)
        sleep_layout.addWidget(self.sleep)
        sleep_layout.addWidget(
            learn_link(services, "sleep-and-pain", QT_TRANSLATE_NOOP("Labels", "Sleep and pain")),
            0,
            Qt.AlignmentFlag.AlignRight,
        )

        self.symptom_box = QGroupBox(self.tr("S&ymptoms (0 = none, 10 = worst imaginable; — = not rated)"))
        self.symptom_box.setAccessibleName(self.tr("Symptoms"))
        self.symptom_grid = QGridLayout(self.symptom_box)
        self.symptom_grid.setColumnStretch(4, 1)  # labels and boxes keep their size; the space goes to the right
        self.symptoms: dict[str, ScoreSpin] = {}

        self.sections: dict[Tracker, QWidget] = {
            Tracker.PAIN: pain_section,
            Tracker.SITES: self.sites,
            Tracker.STRESS: stress_section,
            Tracker.SLEEP: self.sleep_box,
            Tracker.SYMPTOMS: self.symptom_box,
        }

        note_form = form_layout()
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("How was the day? (optional)"))
        self.note.setAccessibleName(self.tr("Check-in note"))
        note_form.addRow(self.tr("N&ote"), self.note)
        layout.addLayout(note_form)
        # Shown by the view below the scrolling form, so they are always in sight.
        self.error = ErrorLabel()
        self.save_button = QPushButton(self.tr("Save check-in"))
        self.save_button.setToolTip(self.tr("Save check-in (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.save_button.setAccessibleName(self.tr("Save check-in"))
        self.preferences = services.catalog.preferences()
        self.reload_symptoms()

    def apply_preferences(self, preferences: TrackingPreferences) -> None:
        """Show the chosen sections in the chosen order (the note stays last) and make Tab follow it."""
        self.preferences = preferences
        for section in self.sections.values():
            self.sections_layout.removeWidget(section)
        for tracker in preferences.checkin_order:
            section = self.sections[tracker]
            self.sections_layout.addWidget(section)
            shown = preferences.shows(tracker) and (tracker is not Tracker.SYMPTOMS or bool(self.symptoms))
            section.setVisible(shown)
        if not preferences.shows(Tracker.SLEEP):
            self.sleep_box.setChecked(False)
        self._chain_tab_order()

    def focus_widgets(self, tracker: Tracker) -> list[QWidget]:
        """The fields of a section in the order Tab visits them."""
        if tracker is Tracker.PAIN:
            return [self.pain, self.recall]
        if tracker is Tracker.SITES:
            return list(self.sites.boxes.values())
        if tracker is Tracker.STRESS:
            return [self.stress]
        if tracker is Tracker.SLEEP:
            sleep = self.sleep
            fields = [sleep.bed_time, sleep.wake_time, sleep.minutes_to_sleep, sleep.awakenings, sleep.quality]
            return [self.sleep_box, *fields, sleep.refreshed]
        return list(self.symptoms.values())

    def first_field(self) -> QWidget:
        """Where a new check-in starts typing: the first field of the first section shown."""
        for tracker in self.preferences.visible_sections():
            fields = self.focus_widgets(tracker)
            if fields:
                return fields[0]
        return self.note

    def _chain_tab_order(self) -> None:
        chain: list[QWidget] = [self.time_edit]
        for tracker in self.preferences.visible_sections():
            chain.extend(self.focus_widgets(tracker))
        chain.append(self.note)
        if self.save_button.window() is self.window():  # once the view has placed it below the form
            chain.append(self.save_button)
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def reload_symptoms(self) -> None:
        for spin in self.symptoms.values():
            spin.setParent(None)
        while self.symptom_grid.count():
            item = self.symptom_grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().setParent(None)  # type: ignore[union-attr]
        self.symptoms = {}
        for index, symptom in enumerate(self.services.catalog.symptoms(tracked_only=True)):
            label = QLabel(translated(symptom.name))
            spin = ScoreSpin(translated(symptom.name))
            spin.setMaximumWidth(90)
            label.setBuddy(spin)
            row, col = divmod(index, 2)
            self.symptom_grid.addWidget(label, row, col * 2)
            self.symptom_grid.addWidget(spin, row, col * 2 + 1)
            self.symptoms[symptom.key] = spin
        self.apply_preferences(self.preferences)

    def entries_for(self, day: date) -> list[AnyEntry]:
        """What the form describes for ``day``; raises ValidationError when something is off."""
        moment = local_datetime(day, self.time_edit.time().toPython())
        note = self.note.text().strip()
        found: list[AnyEntry] = []
        pain = self.pain.score()
        if pain is not None:
            found.append(
                PainEntry(
                    occurred_at=moment,
                    intensity=pain,
                    recall=PainRecall(self.recall.currentData()),
                    sites=self.sites.sites(),
                )
            )
        elif self.sites.sites():
            raise ValidationError.single(
                Phrase.of(QT_TRANSLATE_NOOP("Fields", "pain")),
                self.tr("give a pain rating so the body sites can be saved with it"),
            )
        stress = self.stress.score()
        if stress is not None:
            found.append(StressEntry(occurred_at=moment, level=stress))
        if self.sleep_box.isChecked() and self.preferences.shows(Tracker.SLEEP):
            found.append(self.sleep.build({"occurred_at": moment}))
        for key, spin in self.symptoms.items():
            value = spin.score()
            if value is not None:
                found.append(SymptomEntry(occurred_at=moment, symptom=key, severity=value))
        if not found:
            raise ValidationError.single(
                Phrase.of(QT_TRANSLATE_NOOP("Fields", "check-in")),
                self.tr("is empty: rate at least one thing, or tick 'Sleep last night'"),
            )
        if note:
            found[0] = dataclasses.replace(found[0], note=note)
        return found

    def clear(self) -> None:
        self.pain.clear_score()
        self.stress.clear_score()
        self.sites.set_sites(())
        for spin in self.symptoms.values():
            spin.clear_score()
        self.note.clear()
        self.sleep_box.setChecked(False)
        self.error.clear_error()


class TodayView(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        #: The day's entries in a line each, in the person's language.
        self.lines = EntryLines(services.entries, services.catalog)
        self.setAccessibleName(self.tr("Today"))
        outer = QVBoxLayout(self)

        top = QHBoxLayout()
        self.prev_button = QToolButton()
        self.prev_button.setText("◀")
        self.prev_button.setToolTip(self.tr("Previous day (Alt+Left)"))
        self.prev_button.setAccessibleName(self.tr("Previous day"))
        self.prev_button.setShortcut(QKeySequence("Alt+Left"))
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(services.formats.long_date_pattern())
        self.date_edit.setMaximumDate(QDate.currentDate())
        self.date_edit.setAccessibleName(self.tr("Day being logged"))
        self.next_button = QToolButton()
        self.next_button.setText("▶")
        self.next_button.setToolTip(self.tr("Next day (Alt+Right)"))
        self.next_button.setAccessibleName(self.tr("Next day"))
        self.next_button.setShortcut(QKeySequence("Alt+Right"))
        self.today_button = QPushButton(self.tr("Today"))
        self.today_button.setToolTip(self.tr("Back to today (Alt+Home)"))
        self.today_button.setShortcut(QKeySequence("Alt+Home"))
        day_label = QLabel(self.tr("&Day"))
        day_label.setBuddy(self.date_edit)
        for w in (day_label, self.prev_button, self.date_edit, self.next_button, self.today_button):
            top.addWidget(w)
        top.addStretch(1)
        self.diet_label = QLabel()
        self.diet_label.setAccessibleName(self.tr("Current diet phase"))
        top.addWidget(self.diet_label)
        self.diet_link = learn_link(
            services, "elimination-diets", QT_TRANSLATE_NOOP("Labels", "About elimination diets")
        )
        top.addWidget(self.diet_link)
        outer.addLayout(top)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        self.checkin = CheckInForm(services)
        scroll.setWidget(self.checkin)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(scroll, 1)
        left_layout.addWidget(self.checkin.error)
        left_layout.addWidget(self.checkin.save_button, 0, Qt.AlignmentFlag.AlignRight)
        splitter.addWidget(left)

        side = QWidget()
        side.setMaximumWidth(380)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(6, 0, 0, 0)
        self.quick_buttons: dict[EntryKind, QPushButton] = {}
        # Their shortcuts belong to the main window's Log menu, so they work from every view.
        for kind, text, shortcut, _tracker in QUICK_ADD:
            button = QPushButton(translated(text).replace("&", ""))
            button.setToolTip(self.tr("{0} ({1})").format(plain(translated(text)), shortcut))
            button.setAccessibleName(plain(translated(text)))
            button.clicked.connect(lambda _=False, k=kind: self.open_entry_dialog(k))
            side_layout.addWidget(button)
            self.quick_buttons[kind] = button
        self.weekly_due = QLabel()
        self.weekly_due.setWordWrap(True)
        self.weekly_due.setAccessibleName(self.tr("Weekly check-in reminder"))
        self.weekly_due.hide()
        side_layout.addWidget(self.weekly_due)
        self.day_title = QLabel()
        side_layout.addSpacing(8)
        side_layout.addWidget(self.day_title)
        self.day_list = QListWidget()
        self.day_list.setAccessibleName(self.tr("Entries on this day"))
        self.day_list.setWordWrap(True)
        self.day_list.setAlternatingRowColors(True)  # wrapped lines: each entry stands apart from the next
        self.day_list.setSpacing(1)
        self.day_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.day_list.setToolTip(self.tr("Enter or double-click to edit; Delete to remove (Ctrl+Z brings it back)"))
        self.day_list.itemActivated.connect(self._on_item_activated)
        QShortcut(QKeySequence.StandardKey.Delete, self.day_list, activated=self.delete_selected)
        side_layout.addWidget(self.day_list, 1)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        outer.addWidget(splitter, 1)

        # Ctrl+S is the main window's Log ▸ Save the check-in (one owner, or the shortcut would be ambiguous).
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.save_checkin)
        self.checkin.save_button.clicked.connect(self.save_checkin)
        self.prev_button.clicked.connect(lambda: self.set_day(self.day() - timedelta(days=1)))
        self.next_button.clicked.connect(lambda: self.set_day(self.day() + timedelta(days=1)))
        self.today_button.clicked.connect(lambda: self.set_day(date.today()))
        self.date_edit.dateChanged.connect(self._on_day_changed)
        services.events.data_changed.connect(self.refresh)
        services.events.preferences_changed.connect(self.apply_preferences)
        services.events.formats_changed.connect(self.refresh)
        self._apply(self.checkin.preferences)  # the form has just been built with them
        self._on_day_changed()

    def apply_preferences(self) -> None:
        """Show what the person tracks (after the welcome or a change in "What you track")."""
        preferences = self.services.catalog.preferences()
        self.checkin.preferences = preferences
        self.checkin.reload_symptoms()  # which symptoms, in which order; applies the preferences to the form
        self._apply(preferences)
        self.refresh()

    def _apply(self, preferences: TrackingPreferences) -> None:
        for kind, _text, _shortcut, tracker in QUICK_ADD:
            self.quick_buttons[kind].setVisible(preferences.shows(tracker))
        self.diet_label.setVisible(preferences.shows(Tracker.DIET))
        self.diet_link.setVisible(preferences.shows(Tracker.DIET))

    def start_checkin(self) -> None:
        """Ctrl+N: put the cursor in the first field of the check-in."""
        self.checkin.first_field().setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- the day -----------------------------------------------------------------------------------------------

    def day(self) -> date:
        return self.date_edit.date().toPython()  # type: ignore[no-any-return]

    def set_day(self, day: date) -> None:
        day = min(day, date.today())
        self.date_edit.setDate(QDate(day.year, day.month, day.day))

    def _on_day_changed(self) -> None:
        day = self.day()
        self.date_edit.setMaximumDate(QDate.currentDate())
        self.next_button.setEnabled(day < date.today())
        now = datetime.now()
        at = now.time() if day == now.date() else time(21, 0)
        self.checkin.time_edit.setTime(QTime(at.hour, at.minute))
        self._remember_sleep_times(day)
        self.refresh()

    def _remember_sleep_times(self, day: date) -> None:
        """Start the sleep times at those of the last night logged before ``day`` (most nights are alike)."""
        last = self.services.entries.latest(EntryKind.SLEEP, on_or_before=day - timedelta(days=1))
        if isinstance(last, SleepEntry) and last.bed_time is not None and last.wake_time is not None:
            self.checkin.sleep.set_times(last.bed_time.time(), last.wake_time.time())

    def refresh(self) -> None:
        day = self.day()
        formats = self.services.formats
        label = self.tr("today") if day == date.today() else formats.date(day)
        rows = self.services.entries.journal(start=day, end=day)
        self.day_title.setText(self.tr("Logged {0}: {1} entries").format(label, len(rows)))
        self.day_list.clear()
        self.lines.reset()
        self.lines.prepare(rows)  # in the person's language: the day's entries read in one query
        for row in reversed(rows):  # oldest first within the day
            tag = f"{demo_mark()} · " if row.demo else ""
            line = self.tr("{kind}: {details}").format(
                kind=translated(KIND_LABELS[row.kind]), details=self.lines.text(row)
            )
            item = QListWidgetItem(f"{formats.time(row.occurred_at)}  {tag}{line}")
            item.setData(Qt.ItemDataRole.UserRole, (str(row.id), row.kind.value))
            item.setToolTip(line)
            if row.demo:
                mark_demo_item(item)
            self.day_list.addItem(item)
        self._show_diet(day)
        self._show_weekly(day)

    def _show_weekly(self, day: date) -> None:
        """A quiet line when the weekly check-in (if the person wants it) is due: none yet in the week of ``day``
        (weeks start on the day chosen in Settings ▸ General), and none in the last few days either, since its
        questions are about the past week (a check-in on Saturday is not due again on Sunday)."""
        if not self.checkin.preferences.shows(Tracker.WEEKLY):
            self.weekly_due.hide()
            return
        last = self.services.entries.latest(EntryKind.WEEKLY_CHECKIN, on_or_before=day)
        chose_it = self.checkin.preferences.welcomed  # asked for it at the welcome, or kept it since
        this_week = self.services.formats.week_start_of(day)
        recent = last is not None and (last.local_date >= this_week or (day - last.local_date).days < WEEKLY_MIN_GAP)
        if (last is None and not chose_it) or recent:
            self.weekly_due.hide()
            return
        since = "" if last is None else self.tr(" (the last one was {0} days ago)").format((day - last.local_date).days)
        self.weekly_due.setText(
            self.tr("Your weekly check-in is due{0}: Ctrl+Shift+W, or the button above.").format(since)
        )
        self.weekly_due.show()

    def _show_diet(self, day: date) -> None:
        phase = self.services.entries.latest(EntryKind.DIET_PHASE, on_or_before=day)
        challenges = self.services.entries.entries(
            kinds=[EntryKind.CHALLENGE], start=day - timedelta(days=CHALLENGE_WINDOW_MAX), end=day
        )
        step = active_challenge([c for c in challenges if isinstance(c, ChallengeEntry)], day)
        challenge = f"\n{phrase(step.phrase)}" if step is not None else ""
        if (
            not isinstance(phase, DietPhaseEntry)
            or phase.phase is DietPhase.STOPPED
            or (phase.ended is not None and phase.ended < day)
        ):
            self.diet_label.setText(self.tr("Diet: no elimination diet in progress") + challenge)
            return
        self.diet_label.setText(
            self.tr("Diet: {0} — {1} since {2}").format(
                phrase(protocol_words(phase)),
                phrase(phase_words(phase.phase)),
                self.services.formats.short_date(phase.start),
            )
            + challenge
        )

    # --- saving ------------------------------------------------------------------------------------------------

    def save_checkin(self) -> bool:
        try:
            entries = self.checkin.entries_for(self.day())
            saved = self.services.entries.add_many(entries)
        except ValidationError as exc:
            self.checkin.error.show_error(exc)
            return False
        except StorageWriteError as exc:  # the form keeps what was typed, so the person can try again
            self.checkin.error.show_error(phrase(exc.phrase))
            return False
        self.checkin.error.clear_error()
        self.services.undo.push(AddEntriesCommand(self.services, saved, checking_in()))
        self.checkin.clear()
        self.checkin.first_field().setFocus()
        self.services.events.data_changed.emit()
        for entry in saved:
            self.services.events.entry_saved.emit(entry)
        self.services.events.status_message.emit(
            self.tr("Check-in saved for {0} ({1} entries). Ctrl+Z undoes it.").format(
                self.services.formats.date(self.day()), len(saved)
            )
        )
        return True

    def open_entry_dialog(self, kind: EntryKind, entry: AnyEntry | None = None) -> EntryDialog:
        return open_entry_dialog(self.services, kind, entry=entry, day=self.day(), parent=self)

    def _selected(self) -> tuple[UUID, EntryKind] | None:
        item = self.day_list.currentItem()
        if item is None:
            return None
        eid, kind = item.data(Qt.ItemDataRole.UserRole)
        return UUID(eid), EntryKind(kind)

    def _on_item_activated(self, _item: QListWidgetItem) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        entry = self.services.entries.get(chosen[0])
        if entry is not None:
            self.open_entry_dialog(chosen[1], entry)

    def delete_selected(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        entry = self.services.entries.get(chosen[0])
        if entry is None:
            return
        self.services.undo.push(DeleteEntriesCommand(self.services, [entry], deleting([entry.kind])))
        self.services.events.status_message.emit(self.tr("Deleted. Ctrl+Z brings it back."))
