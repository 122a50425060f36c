"""Insights: how each symptom differed on the days after a trigger category or a frequently eaten food, against days
after meals without it, with honest uncertainty. Runs off the UI thread with progress; imports matplotlib, so the
main window builds this view only on first use."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any

import numpy as np
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...analysis.insights import Association, ExposureKind, InsightsReport, Status, insights
from ...i18n import QT_TRANSLATE_NOOP
from ..charts.base import follow_text_size, palette_colours
from ..dialogs.challenge_wizard import open_challenge_wizard
from ..models.rows_model import RowsModel
from ..services import Services
from ..tasks import TaskRunner
from ..translate import label as translated
from ..translate import number, phrase
from ..widgets.learn import learn_link

log = logging.getLogger(__name__)

RANGES: tuple[tuple[str, int | None], ...] = (
    (QT_TRANSLATE_NOOP("Labels", "Last 3 months"), 91),
    (QT_TRANSLATE_NOOP("Labels", "Last year"), 365),
    (QT_TRANSLATE_NOOP("Labels", "All"), None),
)


def _num(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else number(value, digits)


def _signed(value: float) -> str:
    """A difference with its sign, the locale's way ('+0,8' in German)."""
    return ("+" if value >= 0 else "") + number(value, 1)


def _p(value: float | None) -> str:
    if value is None:
        return "—"
    return f"< {number(0.001, 3)}" if value < 0.001 else number(value, 3)


class InsightsView(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setAccessibleName(self.tr("Insights"))
        self.runner = TaskRunner(self)
        self.report: InsightsReport | None = None
        self.shown: list[Association] = []
        outer = QVBoxLayout(self)

        bar = QHBoxLayout()
        range_label = QLabel(self.tr("&Range"))
        self.range = QComboBox()
        self.range.setAccessibleName(self.tr("Date range of the analysis"))
        for text, days in RANGES:
            self.range.addItem(translated(text), days)
        self.range.setCurrentIndex(1)
        range_label.setBuddy(self.range)
        self.run_button = QPushButton(self.tr("&Analyse"))
        self.run_button.setAccessibleName(self.tr("Run the analysis"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.hide()
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Analysis progress"))
        self.progress.hide()
        for w in (range_label, self.range, self.run_button, self.cancel_button, self.progress):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(
            learn_link(services, "reading-your-trends", QT_TRANSLATE_NOOP("Labels", "How to read these results"))
        )
        outer.addLayout(bar)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Summary of the analysis"))
        outer.addWidget(self.summary)

        split = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Results, strongest first"))
        self.model = RowsModel(self.table)
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        # Column widths from the first rows only: measuring all 900 results held the UI thread for ~100 ms.
        self.table.horizontalHeader().setResizeContentsPrecision(60)
        split.addWidget(self.table)
        detail = QWidget()
        detail_layout = QHBoxLayout(detail)
        texts = QVBoxLayout()
        self.sentence = QLabel()
        self.sentence.setWordWrap(True)
        self.sentence.setAccessibleName(self.tr("What this result says"))
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        texts.addWidget(self.sentence)
        self.challenge_button = QPushButton(self.tr("Test it with a reintroduction &challenge…"))
        self.challenge_button.setAccessibleName(self.tr("Start a reintroduction challenge for this food"))
        self.challenge_button.setEnabled(False)
        texts.addWidget(self.challenge_button)
        texts.addStretch(1)
        detail_layout.addLayout(texts, 3)
        follow_text_size()
        self.figure = Figure(figsize=(3, 2.2))
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setMinimumSize(260, 200)
        detail_layout.addWidget(self.canvas, 2)
        split.addWidget(detail)
        outer.addWidget(split, 1)

        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.cancel)
        self.table.selectionModel().selectionChanged.connect(self._on_select)
        # The chosen result's chart is drawn on a later turn of the event loop, not inside the selection change:
        # filling the table after an analysis and drawing the chart in the same turn held the UI thread for 100-130
        # ms. A quick series of selection changes (arrow keys down the results) draws only the last one.
        self._draw_soon = QTimer(self)
        self._draw_soon.setSingleShot(True)
        self._draw_soon.setInterval(0)
        self._draw_soon.timeout.connect(self._draw_chosen)
        self.challenge_button.clicked.connect(self._start_challenge)
        services.events.data_changed.connect(self._on_data_changed)
        self._stale = True

    # --- running -------------------------------------------------------------------------------------------------

    def chosen_range(self) -> tuple[date | None, date]:
        days = self.range.currentData()
        today = date.today()
        return (None if days is None else today - timedelta(days=int(days) - 1)), today

    def run(self) -> None:
        self._stale = False
        start, end = self.chosen_range()
        entries = self.services.entries
        names = self.services.catalog.names()

        def work(progress: Any, cancelled: Any) -> InsightsReport:
            measured = entries.measurements(start=start, end=end, foods=True)
            return insights(measured, start, end, names=names, progress=progress, cancelled=cancelled)

        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.run_button.setEnabled(False)
        self.summary.setText(self.tr("Analysing… the app stays usable meanwhile."))
        self.runner.run_with_progress(work, self.show_report, self._on_error, self._on_progress)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finish(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.run_button.setEnabled(True)

    def cancel(self) -> None:
        self.runner.cancel()
        self._finish()
        self.summary.setText(self.tr("Analysis cancelled."))

    def _on_error(self, details: str) -> None:
        self._finish()
        if "AnalysisCancelled" in details:
            return
        self.summary.setText(self.tr("The analysis could not run; details are in the log."))
        log.error("insights failed:\n%s", details)

    def show_report(self, report: InsightsReport) -> None:
        self._finish()
        self.report = report
        ok = [r for r in report.results if r.status is Status.OK]
        notable = report.notable
        fdr = round(report.settings.fdr * 100)
        excluded = (
            ""
            if not report.excluded_days
            else " " + self.tr("1 day of elimination was left out.")
            if report.excluded_days == 1
            else " " + self.tr("%n days of elimination were left out.", None, report.excluded_days)
        )
        self.summary.setText(
            self.tr(
                "{0} to {1}: {2} comparisons had enough data, and {3} at a false discovery rate of {4}% "
                "(so about {4}% of those marked may still be chance).{5} These are associations in your diary, not "
                "proof that a food causes anything; a structured reintroduction can test one."
            ).format(
                self.services.formats.short_date(report.start),
                self.services.formats.short_date(report.end),
                len(ok),
                self.tr("1 stands out") if len(notable) == 1 else self.tr("%n stand out", None, len(notable)),
                fdr,
                excluded,
            )
        )
        self.shown = list(report.results)
        self.model.set_rows(
            [
                "",
                self.tr("Eaten"),
                self.tr("Symptom"),
                self.tr("When"),
                self.tr("After (days)"),
                self.tr("Without (days)"),
                self.tr("Difference [95% CI]"),
                "p",
                "q",
            ],
            [
                (
                    "★" if r.notable else ("…" if r.status is Status.NOT_ENOUGH_DATA else ""),
                    self.exposure_name(r),
                    translated(r.outcome.label),
                    r.lag.label,
                    f"{_num(r.all_days.exposed_mean)} ({r.all_days.exposed_days})",
                    f"{_num(r.all_days.unexposed_mean)} ({r.all_days.unexposed_days})",
                    self.tr("not enough data yet")
                    if r.status is Status.NOT_ENOUGH_DATA
                    else f"{_signed(r.all_days.difference)} [{_num(r.all_days.ci_low)}; {_num(r.all_days.ci_high)}]",
                    _p(r.all_days.p_value),
                    _p(r.all_days.q_value),
                )
                for r in self.shown
            ],
        )
        self.table.resizeColumnsToContents()
        if self.shown:
            self.table.selectRow(0)

    # --- detail --------------------------------------------------------------------------------------------------

    def chosen(self) -> Association | None:
        rows = self.table.selectionModel().selectedRows()
        return self.shown[rows[0].row()] if rows else None

    def _on_select(self) -> None:
        result = self.chosen()
        self.challenge_button.setEnabled(result is not None)
        if result is None or self.report is None:
            return
        said = (result.phrase, result.context_phrase, result.overlap_phrase)
        self.sentence.setText("\n\n".join(phrase(part) for part in said if part is not None))
        self._draw_soon.start()  # the chart on a later turn: drawing it with the table held the UI 100-130 ms

    def _draw_chosen(self) -> None:
        result = self.chosen()
        if result is not None and self.report is not None:
            self._draw(result)

    def _draw(self, result: Association) -> None:
        assert self.report is not None
        colours = palette_colours(self)
        self.figure.clear()
        self.figure.set_facecolor(colours.background)
        axes = self.figure.add_subplot()
        axes.set_facecolor(colours.background)
        exposed, unexposed = self.report.values(result)
        rng = np.random.default_rng(0)
        for x, values, colour in ((0, unexposed, colours.series[1]), (1, exposed, colours.series[0])):
            if len(values):
                axes.scatter(x + rng.uniform(-0.15, 0.15, len(values)), values, s=6, alpha=0.4, color=colour)
                axes.hlines(float(np.mean(values)), x - 0.3, x + 0.3, color=colours.text, lw=2)
        axes.set_xticks(
            [0, 1],
            [
                self.tr("without\n(1 day)")
                if len(unexposed) == 1
                else self.tr("without\n(%n days)", None, len(unexposed)),
                self.tr("after\n(1 day)") if len(exposed) == 1 else self.tr("after\n(%n days)", None, len(exposed)),
            ],
            fontsize="small",
        )
        axes.set_ylim(-0.5, 10.5)
        axes.set_ylabel(translated(result.outcome.label), fontsize="small")
        axes.tick_params(colors=colours.text, labelsize="small")
        for spine in axes.spines.values():
            spine.set_color(colours.grid)
        axes.yaxis.label.set_color(colours.text)
        self.figure.subplots_adjust(left=0.2, right=0.97, top=0.95, bottom=0.22)
        self.canvas.draw_idle()
        self.canvas.setAccessibleDescription(
            self.tr("{0}: mean {1} on {2} days after {3}, {4} on {5} days without").format(
                translated(result.outcome.label),
                _num(result.all_days.exposed_mean),
                len(exposed),
                self.exposure_name(result),
                _num(result.all_days.unexposed_mean),
                len(unexposed),
            )
        )

    @staticmethod
    def exposure_name(result: Association) -> str:
        """A category's name in the person's language; a food as the person wrote it."""
        exposure = result.exposure
        return translated(exposure.label) if exposure.kind is ExposureKind.CATEGORY else exposure.label

    def _start_challenge(self) -> None:
        result = self.chosen()
        if result is not None:
            open_challenge_wizard(self.services, self, food=result.exposure.label)

    # --- refresh -------------------------------------------------------------------------------------------------

    def _on_data_changed(self) -> None:
        self._stale = True

    def showEvent(self, event: object) -> None:
        if self._stale:
            self.run()
        super().showEvent(event)  # type: ignore[arg-type]
