"""The banner that marks example (demo) entries as made up, with the one-click way to remove them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QListWidgetItem, QPushButton, QWidget

from .common import NoticeBanner


class DemoNotice(NoticeBanner):
    remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Example data notice"))
        self.label.setText(
            self.tr(
                "Your journal holds made-up example entries (demo data) to look around with. Remove them when you "
                "are ready to start: your own entries stay."
            )
        )
        self.remove_button = QPushButton(self.tr("Remove example entries"))
        self.remove_button.setAccessibleName(self.tr("Remove example entries"))
        self.remove_button.clicked.connect(self.remove_requested)
        self.layout().insertWidget(2, self.remove_button)  # type: ignore[union-attr]
        self.dismiss_button.setText(self.tr("Hide"))


def demo_mark() -> str:
    """The short tag on the line of every example entry (in the Journal and on Today)."""
    return QCoreApplication.translate("DemoNotice", "Demo")


def demo_explanation() -> str:
    """What the tag means, for its tooltip and screen readers."""
    return QCoreApplication.translate(
        "DemoNotice",
        "A made-up example entry (demo data), not yours. File ▸ Remove example entries takes all of them away; "
        "your own entries stay.",
    )


def mark_demo_item(item: QListWidgetItem) -> None:
    """Show a list line (already tagged with :func:`demo_mark`) as an example entry: in italics, its tooltip and
    what a screen reader says telling what the tag means."""
    font = item.font()
    font.setItalic(True)
    item.setFont(font)
    item.setToolTip(f"{item.toolTip()}\n{demo_explanation()}".lstrip())
    item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{item.text()}. {demo_explanation()}")
