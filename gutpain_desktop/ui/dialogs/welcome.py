"""The first start of an empty journal: what stays private, what to track, and example data to look around with.

Modeless (``show()``, never ``exec()``); nothing is chosen for the person that they cannot change later in
*File ▸ What you track*.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ... import APP_NAME
from ...domain.preferences import Tracker
from ...i18n import QT_TRANSLATE_NOOP
from ..services import Services
from ..translate import label as translated
from ..widgets.tracking import TrackingChoices

PRIVACY_TEXT = QT_TRANSLATE_NOOP(
    "Labels",
    "Everything you log stays on this computer, in one file that only your user account can read. There is no "
    "account, and the app never goes online. Nothing leaves unless you export it yourself, for example for your "
    "doctor or dietitian.",
)
DEMO_CHOICE = QT_TRANSLATE_NOOP(
    "Labels", "Fill in about three months of made-up example entries (demo data) to look around."
)
DEMO_HINT = QT_TRANSLATE_NOOP(
    "Labels",
    "They are marked as examples, and one click removes them all (File ▸ Remove example entries) without touching "
    "anything you log yourself.",
)


class WelcomeDialog(QDialog):
    """Answered once: Start saves the choices, Skip keeps the usual ones. Either way it is not shown again."""

    #: The person asked for example (demo) entries; the main window adds them in the background.
    demo_requested = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("Welcome to {0}").format(APP_NAME))
        self.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Welcome. A few choices, then you can start."))
        heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        layout.addWidget(heading)
        privacy = QLabel(translated(PRIVACY_TEXT))
        privacy.setWordWrap(True)
        privacy.setAccessibleName(self.tr("What stays private"))
        layout.addWidget(privacy)
        ask = QLabel(self.tr("What would you like to keep track of? You can change all of this later."))
        ask.setWordWrap(True)
        layout.addWidget(ask)
        # Diet tools and the weekly check-in are for some people only: off until asked for.
        self.initial = services.catalog.preferences().with_shown(Tracker.DIET, False).with_shown(Tracker.WEEKLY, False)
        self.choices = TrackingChoices(services, compact=True, preferences=self.initial)
        layout.addWidget(self.choices, 1)
        self.demo = QCheckBox(translated(DEMO_CHOICE))
        self.demo.setToolTip(translated(DEMO_HINT))
        self.demo.setAccessibleName(self.tr("Fill in example entries (demo data)"))
        layout.addWidget(self.demo)
        demo_hint = QLabel(translated(DEMO_HINT))
        demo_hint.setWordWrap(True)
        demo_hint.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(demo_hint)
        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(self.tr("&Start"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.skip_button = self.buttons.addButton(self.tr("S&kip for now"), QDialogButtonBox.ButtonRole.RejectRole)
        self.start_button.setDefault(True)
        self.start_button.setToolTip(self.tr("Save these choices and go to today's check-in"))
        self.skip_button.setToolTip(
            self.tr("Start with the choices as first shown; change them any time in File ▸ What you track (Ctrl+T)")
        )
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.skip)
        layout.addWidget(self.buttons)
        # Modeless: the window behind stays usable, so nobody is stuck before their first entry.
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.resize(760, 580)

    def start(self) -> None:
        if not self.choices.save(welcomed=True):
            return
        if self.demo.isChecked():
            self.demo_requested.emit()
        self.accept()

    def skip(self) -> None:
        """Start with the choices as they were first shown (diet tools and weekly check-in off), no example data."""
        self.services.catalog.apply_tracking(preferences=self.initial.welcomed_now())
        self.services.events.preferences_changed.emit()
        self.reject()
