"""Reading educational panels: the rich-text reader and the small "Learn more" links placed in forms."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QTextBrowser, QWidget

from ...education import Panel, Wording, render_html
from ...education.render import DARK, ENGLISH_WORDING, LIGHT
from ..services import Services
from ..translate import label as translated


class PanelReader(QTextBrowser):
    """Shows one panel. Links to other panels open in place; nothing ever opens the network."""

    panel_changed = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None, *, compact: bool = False):
        super().__init__(parent)
        self.services = services
        self.compact = compact
        self.current: Panel | None = None
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName(self.tr("Educational panel"))
        self.anchorClicked.connect(self._on_anchor_clicked)

    def show_panel(self, panel_id: str) -> bool:
        panel = self.services.library.get(panel_id)
        if panel is None:
            return False
        self.current = panel
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        point_size = max(QApplication.font().pointSize(), 9) + (0 if self.compact else 1)
        page = render_html(panel, DARK if dark else LIGHT, font_pt=point_size, wording=translated_wording())
        self.setHtml(page)
        self.setAccessibleDescription(panel.title)
        self.panel_changed.emit(panel.id)
        return True

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == "panel":
            self.show_panel(url.path() or url.toString().removeprefix("panel:"))
        elif url.toString().startswith("#"):
            self.scrollToAnchor(url.toString()[1:])


def translated_wording() -> Wording:
    """The evidence badges, the sources heading and the disclaimer in the person's language (Qt's translation)."""
    english = ENGLISH_WORDING
    return Wording(
        evidence={level: translated(text) for level, text in english.evidence.items()},
        sources=translated(english.sources),
        disclaimer=translated(english.disclaimer),
        reviewed=translated(english.reviewed),
    )


def learn_link(services: Services, panel_id: str, text: str = "Learn more") -> QLabel:
    """A small link that opens the panel beside the current view."""
    label = QLabel(f'<a href="panel:{panel_id}">{translated(text)}</a>')
    # What a screen reader says: the link's own words in the person's language (not the panel's id).
    name = translated(text)
    if text != "Learn more":
        name = QCoreApplication.translate("LearnLink", "Learn more: {0}").format(name)
    label.setAccessibleName(name)
    label.setToolTip(QCoreApplication.translate("LearnLink", "Opens a short explanation beside this view"))
    label.linkActivated.connect(lambda href: services.events.learn_requested.emit(href.removeprefix("panel:")))
    return label
