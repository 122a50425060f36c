"""One chart: a matplotlib Figure on a Qt canvas (never pyplot), with the things every chart offers:
a title, an explanation panel link, hover read-out, save as PNG/SVG, a table alternative, an accessible description,
a "not enough data" message, and colours from the app's light or dark palette."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..models.rows_model import RowsModel
from ..services import Services
from ..widgets.learn import learn_link


@dataclass(frozen=True, slots=True)
class ChartColours:
    text: str
    background: str
    grid: str
    series: tuple[str, ...]
    band: str
    marker: str


LIGHT = ChartColours(
    "#222222",
    "#ffffff",
    "#dddddd",
    ("#c0392b", "#2471a3", "#7d3c98", "#1e8449", "#b9770e", "#5d6d7e"),
    "#d6eaf8",
    "#7d3c98",
)
DARK = ChartColours(
    "#e6e6e6",
    "#1e1e1e",
    "#444444",
    ("#ff7b6b", "#6fb7ff", "#c792ea", "#7ddc8b", "#ffcb6b", "#aab7c4"),
    "#1f3a52",
    "#c792ea",
)


def palette_colours(widget: QWidget) -> ChartColours:
    return DARK if widget.palette().color(QPalette.ColorRole.Base).lightness() < 128 else LIGHT


class ChartWidget(QWidget):
    """Base of every chart. Subclasses implement ``draw(data)`` on ``self.figure`` and fill ``self.table_rows``."""

    title = ""
    panel_id = "reading-your-trends"
    panel_text = "How to read this"
    #: Fixed margins (fractions of the figure). Cheaper than a layout engine, which doubled every redraw.
    margins: ClassVar[dict[str, float]] = {"left": 0.06, "right": 0.98, "top": 0.9, "bottom": 0.16}

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.colours = palette_colours(self)
        self.setAccessibleName(self.title)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        heading = QLabel(f"<b>{self.title}</b>")
        top.addWidget(heading)
        top.addWidget(learn_link(services, self.panel_id, self.panel_text))
        top.addStretch(1)
        self.table_button = QPushButton(self.tr("Show as table"))
        self.table_button.setCheckable(True)
        self.table_button.setAccessibleName(f"Show {self.title} as a table")
        self.table_button.toggled.connect(self._toggle_table)
        self.save_button = QPushButton(self.tr("Save image…"))
        self.save_button.setAccessibleName(f"Save {self.title} as an image")
        self.save_button.clicked.connect(self._ask_save)
        top.addWidget(self.table_button)
        top.addWidget(self.save_button)
        layout.addLayout(top)
        self.figure = Figure(figsize=(8, 3))
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setMinimumHeight(240)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.table = QTableView()
        self.table_model = RowsModel(self.table)
        self.table.setModel(self.table_model)
        self.table.setAccessibleName(f"{self.title} as a table")
        self.table.verticalHeader().setVisible(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.canvas)
        self.stack.addWidget(self.table)
        layout.addWidget(self.stack, 1)
        self.message = QLabel()
        self.message.setAccessibleName(f"{self.title}: note")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(self.message.fontMetrics().lineSpacing() * 2 + 4)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        self._pending: Any = None
        self.table_header: list[str] = []
        self.table_rows: list[Sequence[Any]] = []
        self.hover = None
        self.canvas.mpl_connect("motion_notify_event", self._on_motion)

    # --- drawing ---------------------------------------------------------------------------------------------

    def set_data(self, data: Any) -> None:
        """New data: redrawn now if the chart is on screen, otherwise when it is first scrolled into view."""
        self._pending = data
        if not self.visibleRegion().isEmpty():
            self.ensure_drawn()

    def ensure_drawn(self) -> None:
        if self._pending is not None:
            data, self._pending = self._pending, None
            self.show_data(data)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._pending is not None:
            QTimer.singleShot(0, self.ensure_drawn)  # scrolled into view: draw now, outside the paint
        super().paintEvent(event)

    def show_data(self, data: Any) -> None:
        """Redraw from ``data`` (computed off the UI thread) through the one clear/draw path."""
        self.colours = palette_colours(self)
        self.figure.clear()
        self.figure.set_facecolor(self.colours.background)
        self.table_rows = []
        self.hover = None
        described = self.draw(data)
        self.figure.subplots_adjust(**self.margins)
        for axes in self.figure.axes:
            self._style(axes)
        self.canvas.draw_idle()
        self.setAccessibleDescription(described)
        self.canvas.setAccessibleDescription(described)
        self.message.setText(described)
        if self.table_button.isChecked():
            self._fill_table()

    def draw(self, data: Any) -> str:
        """Draw on ``self.figure``; return a one-sentence description of what the chart shows."""
        raise TypeError(type(self).__name__)

    def not_enough(self, text: str = "Not enough data in this range to draw a trend yet.") -> str:
        axes = self.figure.add_subplot()
        axes.set_axis_off()
        axes.text(0.5, 0.5, text, ha="center", va="center", color=self.colours.text, transform=axes.transAxes)
        return text

    def _style(self, axes: Any) -> None:
        axes.set_facecolor(self.colours.background)
        axes.tick_params(colors=self.colours.text, labelsize=8)
        for spine in axes.spines.values():
            spine.set_color(self.colours.grid)
        axes.yaxis.label.set_color(self.colours.text)
        axes.xaxis.label.set_color(self.colours.text)
        axes.title.set_color(self.colours.text)
        legend = axes.get_legend()
        if legend is not None:
            legend.get_frame().set_facecolor(self.colours.background)
            for text in legend.get_texts():
                text.set_color(self.colours.text)

    # --- hover ---------------------------------------------------------------------------------------------------

    def hover_text(self, event: Any) -> str | None:
        """The value under the mouse, or None. Subclasses answer for their own data."""
        return None

    def _on_motion(self, event: Any) -> None:
        if event.inaxes is None:
            return
        text = self.hover_text(event)
        self.canvas.setToolTip(text or "")

    # --- table and saving --------------------------------------------------------------------------------------

    def _toggle_table(self, on: bool) -> None:
        if on:
            self._fill_table()
        self.stack.setCurrentIndex(1 if on else 0)
        self.table_button.setText(self.tr("Show as chart") if on else self.tr("Show as table"))

    def _fill_table(self) -> None:
        self.table_model.set_rows(self.table_header, self.table_rows)

    def save_image(self, path: str) -> None:
        self.figure.savefig(path, facecolor=self.figure.get_facecolor(), dpi=150)

    def _ask_save(self) -> None:
        dialog = QFileDialog(self, self.tr("Save chart"), f"{self.title.lower().replace(' ', '-')}.png")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters(["PNG image (*.png)", "SVG image (*.svg)"])
        dialog.fileSelected.connect(self.save_image)
        dialog.open()
