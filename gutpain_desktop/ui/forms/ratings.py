"""Entry forms: ratings."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QRadioButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.entries import (
    RECALL_LABELS,
    AnyEntry,
    BowelEntry,
    EntryKind,
    PainEntry,
    PainKind,
    PainRecall,
    SleepEntry,
    StressEntry,
    SymptomEntry,
    humanise,
)
from ...domain.scales import (
    BRISTOL_DESCRIPTIONS,
)
from ...domain.validation import ValidationError
from ...i18n import QT_TRANSLATE_NOOP, Phrase
from ..services import Services
from ..translate import label as translated
from ..translate import number as decimal
from ..widgets.common import BodySitePicker, ScoreSpin, TriStateCombo
from ..widgets.learn import learn_link
from .base import (
    PAIN_HINT,
    SCORE_HINT,
    SLEEP_HINT,
    EntryForm,
    _combo,
    _select,
    buddy_label,
    form_layout,
    hint,
    local_datetime,
)


class PainForm(EntryForm):
    kind = EntryKind.PAIN
    title = "Pain"

    def __init__(self, services: Services, parent: QWidget | None = None, *, recall: PainRecall = PainRecall.NOW):
        super().__init__(services, parent)
        layout = QVBoxLayout(self)
        form = form_layout()
        row = QHBoxLayout()
        self.intensity = ScoreSpin(self.tr("Pain intensity"), optional=False)
        row.addWidget(self.intensity)
        row.addWidget(hint(translated(PAIN_HINT)))
        form.addRow(buddy_label(self.tr("&Pain (0–10)"), self.intensity), row)
        self.recall = _combo(self.tr("Pain recall period"), [(RECALL_LABELS[r], r) for r in PainRecall])
        _select(self.recall, recall)
        form.addRow(self.tr("&When"), self.recall)
        self.pain_kind = _combo(self.tr("Kind of pain"), [("—", None)] + [(humanise(k.value), k) for k in PainKind])
        form.addRow(self.tr("&Kind"), self.pain_kind)
        layout.addLayout(form)
        self.sites = BodySitePicker()
        layout.addWidget(self.sites)

    def load(self, entry: AnyEntry) -> None:
        assert isinstance(entry, PainEntry)
        self.intensity.set_score(entry.intensity)
        _select(self.recall, entry.recall)
        _select(self.pain_kind, entry.pain_kind)
        self.sites.set_sites(entry.sites)

    def build(self, common: dict[str, Any]) -> AnyEntry:
        return PainEntry(
            intensity=self.intensity.value(),
            recall=PainRecall(self.recall.currentData()),
            sites=self.sites.sites(),
            pain_kind=PainKind(self.pain_kind.currentData()) if self.pain_kind.currentData() else None,
            **common,
        )

    def first_field(self) -> QWidget:
        return self.intensity


class SymptomForm(EntryForm):
    kind = EntryKind.SYMPTOM
    title = "Symptom"

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        form = form_layout(self)
        self.symptom = _combo(self.tr("Symptom"), [(s.name, s.key) for s in services.catalog.symptoms()])
        form.addRow(self.tr("&Symptom"), self.symptom)
        row = QHBoxLayout()
        self.severity = ScoreSpin(self.tr("Severity"), optional=False)
        row.addWidget(self.severity)
        row.addWidget(hint(translated(SCORE_HINT)))
        form.addRow(buddy_label(self.tr("S&everity (0–10)"), self.severity), row)

    def load(self, entry: AnyEntry) -> None:
        assert isinstance(entry, SymptomEntry)
        if self.symptom.findData(entry.symptom) < 0:
            self.symptom.addItem(humanise(entry.symptom), entry.symptom)
        _select(self.symptom, entry.symptom)
        self.severity.set_score(entry.severity)

    def build(self, common: dict[str, Any]) -> AnyEntry:
        return SymptomEntry(symptom=self.symptom.currentData(), severity=self.severity.value(), **common)

    def first_field(self) -> QWidget:
        return self.symptom


class StressForm(EntryForm):
    kind = EntryKind.STRESS
    title = "Stress"

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        form = form_layout(self)
        row = QHBoxLayout()
        self.level = ScoreSpin(self.tr("Stress level"), optional=False)
        row.addWidget(self.level)
        row.addWidget(hint(translated(SCORE_HINT)))
        form.addRow(buddy_label(self.tr("&Stress (0–10)"), self.level), row)

    def load(self, entry: AnyEntry) -> None:
        assert isinstance(entry, StressEntry)
        self.level.set_score(entry.level)

    def build(self, common: dict[str, Any]) -> AnyEntry:
        return StressEntry(level=self.level.value(), **common)

    def first_field(self) -> QWidget:
        return self.level


# --- sleep ---------------------------------------------------------------------------------------------------


class SleepForm(EntryForm):
    """One night, filed under the morning the person woke up (the dialog's date)."""

    kind = EntryKind.SLEEP
    uses_time = False
    title = "Sleep"

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        form = form_layout(self)
        self.bed_time = QTimeEdit(QTime(23, 0))
        self.bed_time.setDisplayFormat(services.formats.time_pattern())
        self.bed_time.setAccessibleName(self.tr("Went to bed"))
        form.addRow(self.tr("Went to &bed"), self.bed_time)
        self.wake_time = QTimeEdit(QTime(7, 0))
        self.wake_time.setDisplayFormat(services.formats.time_pattern())
        self.wake_time.setAccessibleName(self.tr("Woke up for the day"))
        form.addRow(self.tr("&Woke up for the day"), self.wake_time)
        self.minutes_to_sleep = QSpinBox()
        self.minutes_to_sleep.setRange(0, 600)
        self.minutes_to_sleep.setSuffix(" min")
        self.minutes_to_sleep.setAccessibleName(self.tr("Minutes to fall asleep"))
        form.addRow(self.tr("Time to f&all asleep"), self.minutes_to_sleep)
        self.awakenings = QSpinBox()
        self.awakenings.setRange(0, 50)
        self.awakenings.setAccessibleName(self.tr("Times woken in the night"))
        form.addRow(self.tr("Times woken in the &night"), self.awakenings)
        quality_row = QHBoxLayout()
        self.quality = ScoreSpin(self.tr("Sleep quality"))
        quality_row.addWidget(self.quality)
        quality_row.addWidget(hint(translated(SLEEP_HINT)))
        form.addRow(buddy_label(self.tr("&Quality (0–10)"), self.quality), quality_row)
        self.refreshed = TriStateCombo(self.tr("Woke refreshed"))
        form.addRow(self.tr("Woke &refreshed"), self.refreshed)
        self.total = hint("")
        form.addRow(self.tr("Asleep"), self.total)
        for signal in (self.bed_time.timeChanged, self.wake_time.timeChanged, self.minutes_to_sleep.valueChanged):
            signal.connect(self._update_total)
        self._update_total()

    def times_on(self, wake_day: date) -> tuple[datetime, datetime]:
        """Bed and wake times for the night that ended on ``wake_day`` (bed time on the evening before)."""
        wake = local_datetime(wake_day, self.wake_time.time().toPython())
        bed_clock: time = self.bed_time.time().toPython()
        bed_day = wake_day - timedelta(days=1) if bed_clock >= self.wake_time.time().toPython() else wake_day
        return local_datetime(bed_day, bed_clock), wake

    def _update_total(self) -> None:
        bed, wake = self.times_on(date.today())
        hours = max((wake - bed).total_seconds() / 3600 - self.minutes_to_sleep.value() / 60, 0)
        self.total.setText(self.tr("about {0} hours").format(decimal(hours, 1)))

    def set_times(self, bed: time, wake: time) -> None:
        self.bed_time.setTime(QTime(bed.hour, bed.minute))
        self.wake_time.setTime(QTime(wake.hour, wake.minute))

    def load(self, entry: AnyEntry) -> None:
        assert isinstance(entry, SleepEntry)
        if entry.bed_time and entry.wake_time:
            self.set_times(entry.bed_time.time(), entry.wake_time.time())
        self.minutes_to_sleep.setValue(entry.minutes_to_sleep or 0)
        self.awakenings.setValue(entry.awakenings or 0)
        self.quality.set_score(entry.quality)
        self.refreshed.set_answer(entry.refreshed)

    def build(self, common: dict[str, Any]) -> AnyEntry:
        bed, wake = self.times_on(common["occurred_at"].date())
        return SleepEntry(
            **{**common, "occurred_at": wake},
            bed_time=bed,
            wake_time=wake,
            minutes_to_sleep=self.minutes_to_sleep.value(),
            awakenings=self.awakenings.value(),
            quality=self.quality.score(),
            refreshed=self.refreshed.answer(),
        )

    def first_field(self) -> QWidget:
        return self.bed_time


# --- bowel ---------------------------------------------------------------------------------------------------


class BristolPicker(QGroupBox):
    """Bristol stool form 1-7 with our own short descriptions; keys 1-7 pick a type."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Stool form (Bristol scale)"), parent)
        self.setAccessibleName(self.tr("Bristol stool form"))
        layout = QVBoxLayout(self)
        self.group = QButtonGroup(self)
        for number, text in BRISTOL_DESCRIPTIONS.items():
            button = QRadioButton(f"&{number}  {translated(text)}")
            button.setAccessibleName(self.tr("Bristol type {0}: {1}").format(number, translated(text)))
            self.group.addButton(button, number)
            layout.addWidget(button)
        layout.addWidget(hint(self.tr("1–2 lean to constipation, 3–4 are typical, 5–7 are increasingly loose.")))

    def value(self) -> int:
        return self.group.checkedId()  # -1 when none is chosen

    def set_value(self, number: int) -> None:
        button = self.group.button(number)
        if button is not None:
            button.setChecked(True)


class BowelForm(EntryForm):
    kind = EntryKind.BOWEL
    title = "Bowel movement"

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        layout = QVBoxLayout(self)
        self.bristol = BristolPicker()
        layout.addWidget(self.bristol)
        flags = QHBoxLayout()
        self.urgency = QCheckBox(self.tr("&Urgent"))
        self.straining = QCheckBox(self.tr("S&training"))
        self.blood = QCheckBox(self.tr("Bl&ood seen"))
        self.at_night = QCheckBox(self.tr("Woke me at &night"))
        for box in (self.urgency, self.straining, self.blood, self.at_night):
            flags.addWidget(box)
        flags.addStretch(1)
        layout.addLayout(flags)
        links = QHBoxLayout()
        links.addWidget(learn_link(services, "bristol-scale", QT_TRANSLATE_NOOP("Labels", "About the Bristol scale")))
        links.addWidget(
            learn_link(services, "when-to-see-a-doctor", QT_TRANSLATE_NOOP("Labels", "When to see a doctor"))
        )
        links.addStretch(1)
        layout.addLayout(links)

    def load(self, entry: AnyEntry) -> None:
        assert isinstance(entry, BowelEntry)
        self.bristol.set_value(entry.bristol)
        self.urgency.setChecked(entry.urgency)
        self.straining.setChecked(entry.straining)
        self.blood.setChecked(entry.blood)
        self.at_night.setChecked(entry.at_night)

    def build(self, common: dict[str, Any]) -> AnyEntry:
        if self.bristol.value() < 1:
            raise ValidationError.single(
                Phrase.of(QT_TRANSLATE_NOOP("Fields", "Bristol type")), self.tr("choose the stool form, 1 to 7")
            )
        return BowelEntry(
            bristol=self.bristol.value(),
            urgency=self.urgency.isChecked(),
            straining=self.straining.isChecked(),
            blood=self.blood.isChecked(),
            at_night=self.at_night.isChecked(),
            **common,
        )

    def first_field(self) -> QWidget:
        return self.bristol.group.button(4)


# --- diet phase ----------------------------------------------------------------------------------------------
