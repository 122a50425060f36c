"""Optional facts about the person (sex, age), used only by the red-flag reminders that depend on them."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QSpinBox, QVBoxLayout, QWidget

from ...domain.red_flags import Sex
from ..forms.base import form_layout
from ..red_flag_notices import PROFILE_AGE, PROFILE_SEX
from ..services import Services


class ProfileDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("About you (optional)"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Both are optional and stay on this computer. They are used only for one reminder: bloating on "
                "many days is worth a doctor's look for women aged 50 or over."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = form_layout()
        self.sex = QComboBox()
        self.sex.setAccessibleName(self.tr("Sex"))
        self.sex.addItem(self.tr("Prefer not to say"), "")
        for value, label in (
            (Sex.FEMALE, self.tr("Female")),
            (Sex.MALE, self.tr("Male")),
            (Sex.OTHER, self.tr("Other")),
        ):
            self.sex.addItem(label, value.value)
        form.addRow(self.tr("&Sex"), self.sex)
        self.age = QSpinBox()
        self.age.setRange(0, 120)
        self.age.setSpecialValueText(self.tr("Prefer not to say"))
        self.age.setAccessibleName(self.tr("Age in years"))
        form.addRow(self.tr("&Age"), self.age)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout.addWidget(buttons)
        sex = services.catalog.setting(PROFILE_SEX) or ""
        self.sex.setCurrentIndex(max(self.sex.findData(sex), 0))
        age = services.catalog.setting(PROFILE_AGE) or ""
        self.age.setValue(int(age) if age.isdigit() else 0)

    def save(self) -> None:
        self.services.catalog.set_setting(PROFILE_SEX, self.sex.currentData() or "")
        self.services.catalog.set_setting(PROFILE_AGE, str(self.age.value()) if self.age.value() else "")
        self.accept()
