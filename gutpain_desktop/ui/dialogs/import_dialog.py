"""Import dialog: choose a file and its format, check it (a preview of what would be added, or every problem with
its line and column), map Flaredown's columns to symptoms, then import all of it in one step, or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ...exchange.flaredown import (
    ColumnKind,
    FlaredownFile,
    Mapping_,
    Target,
    default_mapping,
    inspect_flaredown,
    plan_flaredown,
)
from ...exchange.importing import FLAREDOWN, GUTPAIN, ImportFailed, ImportPlan, apply_plan, guess_format
from ...storage.bulk import ImportOutcome
from ..forms.base import buddy_label, form_layout, hint
from ..services import Services
from .task_dialog import TaskDialog


class ImportDialog(TaskDialog):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, self.tr("Import entries"), parent)
        form = form_layout()
        file_row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setAccessibleName("File to import")
        self.path.setPlaceholderText(self.tr("entries.csv from GutPain Desktop, or a Flaredown CSV export"))
        choose = QPushButton(self.tr("C&hoose…"))
        choose.clicked.connect(self._choose_file)
        file_row.addWidget(self.path, 1)
        file_row.addWidget(choose)
        form.addRow(buddy_label(self.tr("&File"), self.path), file_row)
        self.format = QComboBox()
        self.format.setAccessibleName("Format of the file")
        self.format.addItem(self.tr("GutPain Desktop entries.csv"), GUTPAIN)
        self.format.addItem(self.tr("Flaredown CSV export"), FLAREDOWN)
        form.addRow(self.tr("F&ormat"), self.format)
        self.layout_.addLayout(form)
        self.layout_.addWidget(
            hint(
                self.tr(
                    "Nothing is added until you press Import, and then either everything is added or nothing. "
                    "Entries already in your journal are kept as they are, so importing a file twice adds nothing."
                )
            )
        )
        self.mapping_label = QLabel(
            self.tr("Flaredown columns: choose which symptom each one becomes (0-4 ratings become 0-10).")
        )
        self.mapping_label.setWordWrap(True)
        self.mapping = QTableWidget(0, 4)
        self.mapping.setAccessibleName("Flaredown columns and what they become")
        self.mapping.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("Looks like"), self.tr("Sample values"), self.tr("Becomes")]
        )
        self.mapping.horizontalHeader().setStretchLastSection(True)
        self.mapping.verticalHeader().setVisible(False)
        self.mapping_label.hide()
        self.mapping.hide()
        self.layout_.addWidget(self.mapping_label)
        self.layout_.addWidget(self.mapping, 1)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("Preview of the import")
        self.preview.setPlaceholderText(self.tr("Press Check to see what would be imported."))
        self.layout_.addWidget(self.preview, 1)
        self.layout_.addWidget(self.progress)
        self.layout_.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.check_button = buttons.addButton(self.tr("&Check file"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.setEnabled(False)
        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.import_)
        buttons.rejected.connect(self.reject)
        self.layout_.addWidget(buttons)
        self.path.textChanged.connect(self._on_path_changed)
        self.format.currentIndexChanged.connect(self._invalidate)
        self.plan: ImportPlan | None = None
        self.flaredown: FlaredownFile | None = None
        self.outcome: ImportOutcome | None = None
        self.resize(760, 560)

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("File to import"), "", "CSV (*.csv);;All (*)")
        if path:
            self.path.setText(path)

    def _on_path_changed(self, text: str) -> None:
        path = Path(text.strip()).expanduser()
        if path.is_file():
            self.format.setCurrentIndex(self.format.findData(guess_format(path)))
        self._invalidate()

    def _invalidate(self) -> None:
        self.plan = None
        self.flaredown = None
        self.import_button.setEnabled(False)
        self.mapping.hide()
        self.mapping_label.hide()

    def chosen_mapping(self) -> dict[str, Mapping_]:
        found: dict[str, Mapping_] = {}
        for row in range(self.mapping.rowCount()):
            item = self.mapping.item(row, 0)
            combo = self.mapping.cellWidget(row, 3)
            if item is not None and isinstance(combo, QComboBox):
                target, value = combo.currentData()
                found[item.text()] = Mapping_(Target(target), value)
        return found

    def check(self) -> None:
        text = self.path.text().strip()
        if not text:
            self.status.setText(self.tr("Choose a file to import."))
            return
        path = Path(text).expanduser()
        fmt = self.format.currentData()
        services = self.services
        mapping = self.chosen_mapping() if self.flaredown is not None else None
        known = self.flaredown

        def work(_progress: Any, _cancelled: Any) -> tuple[ImportPlan, FlaredownFile | None] | ImportFailed:
            from ...exchange.csv_import import plan_gutpain_csv

            try:
                if fmt == FLAREDOWN:
                    file = known if known is not None and known.path == path else inspect_flaredown(path)
                    return plan_flaredown(file, services, mapping), file
                return plan_gutpain_csv(path, services), None
            except ImportFailed as exc:  # a file that cannot be imported at all: said plainly, not as an error
                return exc

        self.check_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.status.setText(self.tr("Checking the file…"))
        self.runner.run_with_progress(work, self._on_checked, self._on_error, self._on_progress)

    def _on_checked(self, result: tuple[ImportPlan, FlaredownFile | None] | ImportFailed) -> None:
        if isinstance(result, ImportFailed):
            self.preview.setPlainText(str(result))
            self.status.setText(self.tr("This file cannot be imported; nothing was changed."))
            self._finished()
            return
        plan, file = result
        if file is not None and self.flaredown is None:
            self.flaredown = file
            self._fill_mapping(file)
        self.plan = plan
        self.preview.setPlainText(plan.summary())
        if plan.ok:
            self.status.setText(
                self.tr("Ready: {0} new entries would be added.").format(plan.to_add())
                if plan.to_add()
                else self.tr("Nothing new to add: every entry of this file is in your journal already.")
            )
        else:
            self.status.setText(self.tr("The file has problems (listed above): nothing can be imported."))
        self._finished()

    def _fill_mapping(self, file: FlaredownFile) -> None:
        symptoms = {d.key: d.name for d in self.services.catalog.symptoms()}
        defaults = default_mapping(file, symptoms)
        self.mapping.setRowCount(len(file.columns))
        for row, column in enumerate(file.columns):
            self.mapping.setItem(row, 0, QTableWidgetItem(column.name))
            looks = self.tr("rating 0-4") if column.kind is ColumnKind.RATING else self.tr("treatment")
            self.mapping.setItem(row, 1, QTableWidgetItem(looks))
            self.mapping.setItem(row, 2, QTableWidgetItem(", ".join(column.samples)))
            for col in range(3):
                cell = self.mapping.item(row, col)
                if cell is not None:
                    cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
            combo = QComboBox()
            combo.setAccessibleName(f"What the column {column.name} becomes")
            if column.kind is ColumnKind.RATING:
                for key, name in symptoms.items():
                    combo.addItem(self.tr("Symptom: {0}").format(name), (Target.SYMPTOM.value, key))
                if defaults[column.name].target is Target.NEW_SYMPTOM:
                    combo.insertItem(0, self.tr("New symptom: {0}").format(column.name),
                                     (Target.NEW_SYMPTOM.value, column.name))  # fmt: skip
            else:
                combo.addItem(self.tr("Medication taken (context entry)"), (Target.MEDICATION.value, ""))
            combo.addItem(self.tr("Skip this column"), (Target.SKIP.value, ""))
            wanted = (defaults[column.name].target.value, defaults[column.name].value)
            # findData cannot compare Python tuples: look for the default by hand.
            index = next((i for i in range(combo.count()) if tuple(combo.itemData(i)) == wanted), 0)
            combo.setCurrentIndex(index)
            combo.currentIndexChanged.connect(self._on_mapping_changed)
            self.mapping.setCellWidget(row, 3, combo)
        self.mapping.resizeColumnsToContents()
        self.mapping_label.show()
        self.mapping.show()

    def _on_mapping_changed(self) -> None:
        self.plan = None
        self.import_button.setEnabled(False)
        self.status.setText(self.tr("Mapping changed: press Check file again to see the new preview."))

    def import_(self) -> None:
        plan = self.plan
        if plan is None or not plan.ok:
            return
        services = self.services
        self.check_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.status.setText(self.tr("Importing…"))
        self.runner.run_with_progress(
            lambda _p, _c: apply_plan(services, plan), self._on_imported, self._on_error, self._on_progress
        )

    def _on_imported(self, outcome: ImportOutcome) -> None:
        self.outcome = outcome
        self.plan = None
        self.status.setText(
            self.tr("Imported {0} entries ({1} were in your journal already).").format(
                outcome.added, outcome.already_present
            )
        )
        self.services.events.data_changed.emit()
        self.services.events.status_message.emit(self.tr("Imported {0} entries").format(outcome.added))
        self.check_button.setEnabled(True)

    def _finished(self) -> None:
        self.check_button.setEnabled(True)
        self.import_button.setEnabled(self.plan is not None and self.plan.ok and self.plan.to_add() > 0)


__all__ = ["ImportDialog"]
