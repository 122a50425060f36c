"""One chart: a matplotlib Figure on a Qt canvas (never pyplot), with the things every chart offers:
a title, an explanation panel link, hover read-out, save as PNG/SVG, a table alternative, an accessible description,
a "not enough data" message, and colours from the app's light or dark palette."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any, ClassVar

import matplotlib
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...i18n import QT_TRANSLATE_NOOP
from ..models.rows_model import RowsModel
from ..services import Services
from ..translate import label as translated
from ..widgets.learn import learn_link

#: The app's usual text size in points (Qt's default on Linux and Windows); text set larger makes charts' text larger.
NORMAL_POINT_SIZE = 9.0
#: matplotlib's own default text size, which its relative sizes ("small", "x-small") are fractions of.
MATPLOTLIB_POINT_SIZE = 10.0


def follow_text_size() -> float:
    """Scale the charts' text with the person's text size (200% text scaling doubles the app's font, and the charts'
    ticks, labels and keys follow); returns the factor. Charts give sizes as "small", "x-small", never in points."""
    size = QApplication.font().pointSizeF()
    scale = max(1.0, size / NORMAL_POINT_SIZE) if size > 0 else 1.0
    matplotlib.rcParams["font.size"] = MATPLOTLIB_POINT_SIZE * scale
    return scale


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


@dataclass(frozen=True, slots=True)
class KeyItem:
    """One entry of a chart's key: a line (``style`` "-", ":" or "--", ``width`` in points) or a patch ("box")."""

    label: str
    colour: str
    style: str = "-"
    width: float = 1.5
    alpha: float = 1.0


_KEY_GLYPHS = {"-": "━━", ":": "┅┅", "--": "╍╍", "box": "■", "v": "▼", "o": "●"}


def palette_colours(widget: QWidget) -> ChartColours:
    return DARK if widget.palette().color(QPalette.ColorRole.Base).lightness() < 128 else LIGHT


class ChartWidget(QWidget):
    """Base of every chart. Subclasses implement ``draw(data)`` on ``self.figure`` and fill ``self.table_rows``."""

    title = ""
    panel_id = "reading-your-trends"
    panel_text = QT_TRANSLATE_NOOP("Labels", "How to read this")
    #: Fixed margins (fractions of the figure). Cheaper than a layout engine, which doubled every redraw.
    margins: ClassVar[dict[str, float]] = {"left": 0.06, "right": 0.98, "top": 0.9, "bottom": 0.16}

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.colours = palette_colours(self)
        self.setAccessibleName(translated(self.title))
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        heading = QLabel(f"<b>{translated(self.title)}</b>")
        top.addWidget(heading)
        top.addWidget(learn_link(services, self.panel_id, self.panel_text))
        top.addStretch(1)
        self.table_button = QPushButton(QCoreApplication.translate("ChartWidget", "Show as table"))
        self.table_button.setCheckable(True)
        self.table_button.setAccessibleName(
            QCoreApplication.translate("ChartWidget", "Show {0} as a table").format(translated(self.title))
        )
        self.table_button.toggled.connect(self._toggle_table)
        self.save_button = QPushButton(QCoreApplication.translate("ChartWidget", "Save image…"))
        self.save_button.setAccessibleName(
            QCoreApplication.translate("ChartWidget", "Save {0} as an image").format(translated(self.title))
        )
        self.save_button.clicked.connect(self._ask_save)
        top.addWidget(self.table_button)
        top.addWidget(self.save_button)
        layout.addLayout(top)
        #: The chart's key in Qt, not a matplotlib legend: readable text, and a legend cost ~9 ms of every redraw.
        self.key = QLabel()
        self.key.setAccessibleName(QCoreApplication.translate("ChartWidget", "{0}: key").format(translated(self.title)))
        self.key.setWordWrap(True)
        self.key.setTextFormat(Qt.TextFormat.RichText)
        self.key_items: list[KeyItem] = []
        layout.addWidget(self.key)
        #: How much larger than usual the person's text is (2 at 200% text).
        self.text_scale = follow_text_size()
        self.figure = Figure(figsize=(8, 3))
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.set_canvas_height(240)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.table = QTableView()
        self.table_model = RowsModel(self.table)
        self.table.setModel(self.table_model)
        self.table.setAccessibleName(
            QCoreApplication.translate("ChartWidget", "{0} as a table").format(translated(self.title))
        )
        self.table.verticalHeader().setVisible(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.canvas)
        self.stack.addWidget(self.table)
        layout.addWidget(self.stack, 1)
        self.message = QLabel()
        self.message.setAccessibleName(
            QCoreApplication.translate("ChartWidget", "{0}: note").format(translated(self.title))
        )
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(self.message.fontMetrics().lineSpacing() * 2 + 4)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        self._pending: Any = None
        self._built = False
        self._is_empty = False
        self._empty: Any = None
        self.data: Any = None
        self.canvas.mpl_connect("motion_notify_event", self._on_motion)

    # --- drawing ---------------------------------------------------------------------------------------------
    #
    # A chart builds its axes and artists once (``build``) and then only updates them (``update_chart``): creating
    # axes, ticks and texts was two thirds of every redraw. It is rebuilt only when the palette changes.

    def set_data(self, data: Any) -> None:
        """New data: redrawn now if the chart is on screen, otherwise when it is first scrolled into view."""
        self._pending = data
        if self.canvas_on_screen():
            self.ensure_drawn()

    def canvas_on_screen(self) -> bool:
        """Whether any of the drawing itself is on screen (the title row alone does not count)."""
        return not self.canvas.visibleRegion().isEmpty()

    def ensure_drawn(self) -> None:
        if self._pending is not None:
            data, self._pending = self._pending, None
            self.show_data(data)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._pending is not None and self.canvas_on_screen():
            QTimer.singleShot(0, self.ensure_drawn)  # scrolled into view: draw now, outside the paint
        super().paintEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        palette_events = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        if event.type() in palette_events and self._built and palette_colours(self) != self.colours:
            self._built = False  # the theme changed while the app runs: rebuild in the new colours
            if self.data is not None:
                self.set_data(self.data)
        super().changeEvent(event)

    def show_data(self, data: Any) -> None:
        """Show ``data`` (computed off the UI thread): update the chart's artists and schedule one repaint."""
        colours = palette_colours(self)
        if not self._built or colours != self.colours:
            self._build(colours)
        self.data = data
        self._is_empty = False
        described = self.update_chart(data)
        for axes in self.figure.axes:
            axes.set_visible(not self._is_empty)
        self._empty.set_visible(self._is_empty)
        self.canvas.draw_idle()
        self.setAccessibleDescription(described)
        self.canvas.setAccessibleDescription(described)
        self.message.setText(described)
        if self.table_button.isChecked():
            self._fill_table()

    def _build(self, colours: ChartColours) -> None:
        self.colours = colours
        self.figure.clear()
        self.figure.set_facecolor(colours.background)
        self._empty = self.figure.text(0.5, 0.5, "", ha="center", va="center", color=colours.text, wrap=True)
        self.build()
        self.figure.subplots_adjust(**self.margins)
        for axes in self.figure.axes:
            self._style(axes)
        self._built = True

    def set_canvas_height(self, height: int) -> None:
        """The chart's least height at the usual text size; larger text makes it taller, to stay readable."""
        self.canvas.setMinimumHeight(round(height * self.text_scale))

    def build(self) -> None:
        """Create the axes and the artists on ``self.figure``, empty; ``update_chart`` fills them."""
        raise TypeError(type(self).__name__)

    def update_chart(self, data: Any) -> str:
        """Put ``data`` into the artists; return a one-sentence description of what the chart shows."""
        raise TypeError(type(self).__name__)

    def not_enough(self, text: str | None = None) -> str:
        """Hide the axes and say why (``text``, translated) instead of drawing noise."""
        if text is None:
            text = QCoreApplication.translate("ChartWidget", "Not enough data in this range to draw a trend yet.")
        self._is_empty = True
        self._empty.set_text(text)
        return text

    def table_data(self) -> tuple[list[str], list[Sequence[Any]]]:
        """The chart as a table (header, rows), made only when the person asks for it."""
        return [], []

    def set_key(self, items: list[KeyItem]) -> None:
        """Show the key above the canvas (unchanged keys are not re-rendered)."""
        if items == self.key_items:
            return
        self.key_items = items
        parts = [
            f'<span style="color:{item.colour}; font-weight:{"bold" if item.width >= 2 else "normal"}">'
            f"{_KEY_GLYPHS.get(item.style, '━━')}</span>&nbsp;{escape(item.label)}"
            for item in items
        ]
        self.key.setText("&nbsp;&nbsp;&nbsp;".join(parts))

    def _export_legend(self) -> Any:
        """A matplotlib legend made from the key, for saved images only."""
        if not self.key_items or not self.figure.axes or self._is_empty:
            return None
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch

        handles: list[Any] = []
        for item in self.key_items:
            if item.style == "box":
                handles.append(Patch(color=item.colour, alpha=item.alpha))
            elif item.style in ("v", "o"):
                handles.append(Line2D([], [], color=item.colour, marker=item.style, ls="", alpha=item.alpha))
            else:
                handles.append(Line2D([], [], color=item.colour, ls=item.style, lw=item.width, alpha=item.alpha))
        legend = self.figure.legend(
            handles, [item.label for item in self.key_items], loc="upper right", fontsize="x-small", ncols=len(handles)
        )
        self.style_legend(legend)
        return legend

    def style_legend(self, legend: Any) -> None:
        legend.get_frame().set_facecolor(self.colours.background)
        legend.get_frame().set_edgecolor(self.colours.grid)
        for text in legend.get_texts():
            text.set_color(self.colours.text)

    def _style(self, axes: Any) -> None:
        axes.set_facecolor(self.colours.background)
        axes.tick_params(colors=self.colours.text, labelsize="small")
        for spine in axes.spines.values():
            spine.set_color(self.colours.grid)
        axes.yaxis.label.set_color(self.colours.text)
        axes.xaxis.label.set_color(self.colours.text)
        axes.title.set_color(self.colours.text)
        legend = axes.get_legend()
        if legend is not None:
            self.style_legend(legend)

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
        self.table_button.setText(
            QCoreApplication.translate("ChartWidget", "Show as chart")
            if on
            else QCoreApplication.translate("ChartWidget", "Show as table")
        )

    def _fill_table(self) -> None:
        header, rows = self.table_data() if self.data is not None and not self._is_empty else ([], [])
        self.table_model.set_rows(header, rows)

    def save_image(self, path: str) -> None:
        self.ensure_drawn()
        legend = self._export_legend()
        try:
            self.figure.savefig(path, facecolor=self.figure.get_facecolor(), dpi=150)
        finally:
            if legend is not None:
                legend.remove()

    def _ask_save(self) -> None:
        name = translated(self.title).lower().replace(" ", "-").replace(":", "").replace(",", "")
        dialog = QFileDialog(self, QCoreApplication.translate("ChartWidget", "Save chart"), f"{name}.png")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters(
            [
                QCoreApplication.translate("ChartWidget", "PNG image (*.png)"),
                QCoreApplication.translate("ChartWidget", "SVG image (*.svg)"),
            ]
        )
        dialog.fileSelected.connect(self.save_image)
        dialog.open()
