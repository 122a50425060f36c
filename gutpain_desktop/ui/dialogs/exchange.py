"""Export, Report and Import dialogs. The work runs off the UI thread (TaskRunner.run_with_progress); a progress bar
shows only when it takes longer than ~600 ms, so quick work never flashes one."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QWidget,
)

from ...domain.entries import KIND_LABELS, EntryKind
from ...exchange.csv_export import ExportOptions, ExportResult, export_csv
from ..forms.base import buddy_label, form_layout, hint
from ..services import Services
from ..translate import label as translated
from ..translate import written
from .task_dialog import HEALTH_DATA_NOTICE, DateRange, TaskDialog


class ExportDialog(TaskDialog):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, self.tr("Export for a practitioner or a spreadsheet"), parent)
        notice = QLabel(translated(HEALTH_DATA_NOTICE))
        notice.setWordWrap(True)
        notice.setAccessibleName(self.tr("Health data reminder"))
        self.layout_.addWidget(notice)
        form = form_layout()
        folder_row = QHBoxLayout()
        self.folder = QLineEdit(str(Path.home() / "GutPain export"))
        self.folder.setAccessibleName(self.tr("Folder for the files"))
        choose = QPushButton(self.tr("C&hoose…"))
        choose.clicked.connect(self._choose_folder)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        form.addRow(buddy_label(self.tr("&Folder"), self.folder), folder_row)
        self.range = DateRange(all_dates=True)
        form.addRow(self.tr("Dates"), self.range)
        self.kinds = QListWidget()
        self.kinds.setAccessibleName(self.tr("Kinds of entry to export"))
        for kind in EntryKind:
            item = QListWidgetItem(translated(KIND_LABELS[kind]))
            item.setData(Qt.ItemDataRole.UserRole, kind.value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.kinds.addItem(item)
        self.kinds.setMaximumHeight(150)
        form.addRow(self.tr("&Kinds"), self.kinds)
        self.excel = QCheckBox(self.tr("For &Excel (adds a byte order mark so accents show right)"))
        self.excel.setAccessibleName(self.tr("Excel byte order mark"))
        form.addRow("", self.excel)
        self.layout_.addLayout(form)
        self.layout_.addWidget(
            hint(
                self.tr(
                    "Writes entries.csv (one row per value), daily_summary.csv (one row per day; empty cells where "
                    "nothing was logged) and data_dictionary.csv (what every column means)."
                )
            )
        )
        self.layout_.addWidget(self.progress)
        self.layout_.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = buttons.addButton(self.tr("&Export"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        buttons.rejected.connect(self.reject)
        self.layout_.addWidget(buttons)
        self.exported: ExportResult | None = None

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the export"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def chosen_kinds(self) -> tuple[EntryKind, ...]:
        items = (self.kinds.item(i) for i in range(self.kinds.count()))
        return tuple(
            EntryKind(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        )

    def export(self) -> None:
        folder = Path(self.folder.text().strip()).expanduser()
        kinds = self.chosen_kinds()
        if not self.folder.text().strip():
            self.status.setText(self.tr("Choose a folder for the files."))
            return
        if not kinds:
            self.status.setText(self.tr("Choose at least one kind of entry."))
            return
        start, end = self.range.chosen()
        if start and end and start > end:
            self.status.setText(self.tr("The first day is after the last day."))
            return
        options = ExportOptions(start, end, None if len(kinds) == len(EntryKind) else kinds, self.excel.isChecked())
        services = self.services
        self.export_button.setEnabled(False)
        self.status.setText(self.tr("Exporting…"))
        self.runner.run_with_progress(
            lambda progress, cancelled: export_csv(services, folder, options, progress=progress, cancelled=cancelled),
            self._on_exported,
            self._on_error,
            self._on_progress,
        )

    def _on_exported(self, result: ExportResult) -> None:
        self.exported = result
        self.status.setText(
            self.tr("Saved {0} entries ({1} values) and {2} days in {3}: {4}.").format(
                result.entries, result.values, result.days, result.folder, ", ".join(p.name for p in result.files)
            )
        )
        self.services.events.status_message.emit(self.tr("Exported to {0}").format(result.folder))
        self._finished()

    def _finished(self) -> None:
        self.export_button.setEnabled(True)


class ReportDialog(TaskDialog):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, self.tr("PDF summary for a clinician"), parent)
        notice = QLabel(translated(HEALTH_DATA_NOTICE))
        notice.setWordWrap(True)
        notice.setAccessibleName(self.tr("Health data reminder"))
        self.layout_.addWidget(notice)
        form = form_layout()
        file_row = QHBoxLayout()
        self.path = QLineEdit(str(Path.home() / f"gutpain-summary-{date.today().isoformat()}.pdf"))
        self.path.setAccessibleName(self.tr("PDF file"))
        choose = QPushButton(self.tr("C&hoose…"))
        choose.clicked.connect(self._choose_file)
        file_row.addWidget(self.path, 1)
        file_row.addWidget(choose)
        form.addRow(buddy_label(self.tr("&File"), self.path), file_row)
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Name on the summary (optional)"))
        self.name.setPlaceholderText(self.tr("optional"))
        form.addRow(self.tr("&Name"), self.name)
        self.range = DateRange(all_dates=False)
        form.addRow(self.tr("Period"), self.range)
        # A practitioner may not read the person's language: when the app is translated, the summary can be English.
        self.in_language = QRadioButton(self._language_name())
        self.in_language.setAccessibleName(self.tr("Write the summary in the app's language"))
        self.in_english = QRadioButton(self.tr("English"))
        self.in_english.setAccessibleName(self.tr("Write the summary in English"))
        self.in_language.setChecked(True)
        languages = QHBoxLayout()
        languages.addWidget(self.in_language)
        languages.addWidget(self.in_english)
        languages.addStretch(1)
        self.language_row = QWidget()
        self.language_row.setLayout(languages)
        languages.setContentsMargins(0, 0, 0, 0)
        form.addRow(buddy_label(self.tr("&Write the summary in:"), self.in_language), self.language_row)
        form.setRowVisible(self.language_row, self._translated())
        self.layout_.addLayout(form)
        self.layout_.addWidget(
            hint(
                self.tr(
                    "One to two pages: averages and trends with small charts, stool form, diet phases and "
                    "challenges, the strongest associations with their caveats, red-flag events and the scales used."
                )
            )
        )
        self.layout_.addWidget(self.progress)
        self.layout_.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.create_button = buttons.addButton(self.tr("&Create PDF"), QDialogButtonBox.ButtonRole.ActionRole)
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.make_pdf)
        buttons.rejected.connect(self.reject)
        self.layout_.addWidget(buttons)
        self.written: Path | None = None

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the summary"), self.path.text(), "PDF (*.pdf)")
        if path:
            self.path.setText(path)

    def _translated(self) -> bool:
        """Whether the app is shown in a translation (its texts are not the English they are written in)."""
        return self.windowTitle() != "PDF summary for a clinician"

    def _language_name(self) -> str:
        """The translation's language, in that language: the translator's answer, else the locale's name for it."""
        name = self.tr("This language", "the name of the language you translate into, in it: Deutsch, français")
        if name == "This language":
            native = QLocale().nativeLanguageName()
            return native[:1].upper() + native[1:]
        return name

    def make_pdf(self) -> None:
        text = self.path.text().strip()
        if not text:
            self.status.setText(self.tr("Choose a file for the summary."))
            return
        path = Path(text).expanduser()
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        start, end = self.range.chosen()
        if start and end and start > end:
            self.status.setText(self.tr("The first day is after the last day."))
            return
        services, name = self.services, self.name.text()
        translated = self._translated() and self.in_language.isChecked()

        def work(progress: Any, _cancelled: Any) -> tuple[Path, int]:
            from ...exchange.report import build_report
            from ...exchange.report_pdf import english, write_report

            data = build_report(services, start, end, name=name, progress=progress)
            # Qt's translators and QLocale may be read from this worker thread (QCoreApplication.translate is
            # thread-safe); nothing here touches a widget.
            return path, write_report(data, path, written if translated else english)

        self.create_button.setEnabled(False)
        self.status.setText(self.tr("Making the summary…"))
        self.runner.run_with_progress(work, self._on_written, self._on_error, self._on_progress)

    def _on_written(self, result: tuple[Path, int]) -> None:
        path, pages = result
        self.written = path
        self.status.setText(self.tr("Saved a {0}-page summary to {1}.").format(pages, path))
        self.services.events.status_message.emit(self.tr("Summary saved to {0}").format(path))
        self._finished()

    def _finished(self) -> None:
        self.create_button.setEnabled(True)


__all__ = ["ExportDialog", "ReportDialog"]
