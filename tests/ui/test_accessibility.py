"""Accessibility: every input in every main view and dialog has a name a screen reader can say (its accessible
name, its button text or its buddy label), labels with a mnemonic have a buddy, and charts describe their data."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from .conftest import dialog_openers, flush

INPUTS = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)


def spoken_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def is_ours(widget: QWidget) -> bool:
    """Skip the parts Qt builds inside its own composite widgets (a spin box's line edit, a combo's view…)."""
    if widget.objectName().startswith("qt_"):
        return False
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QAbstractSpinBox, QComboBox, QTabBar, QAbstractItemView, QLineEdit)):
            return False
        if parent.objectName().startswith("qt_"):
            return False
        if type(parent).__module__.startswith("PySide6") is False:
            return True
        parent = parent.parentWidget()
    return True


def unnamed_inputs(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or not is_ours(widget):
            continue
        if (
            isinstance(widget, QAbstractItemView)
            and widget.parentWidget()
            and isinstance(widget.parentWidget(), QComboBox)
        ):
            continue
        if type(widget).__name__ in ("QScrollBar",) or widget.inherits("QScrollBar"):
            continue
        if not spoken_name(widget):
            owner = widget.parentWidget()
            missing.append(
                f"{type(widget).__name__} in {type(owner).__name__ if owner else '-'} ({widget.toolTip()!r})"
            )
    return missing


def labels_without_buddy(root: QWidget) -> list[str]:
    found = []
    for label in root.findChildren(QLabel):
        text = label.text()
        if "&" in text.replace("&&", "") and "<" not in text and label.buddy() is None:
            found.append(text)
    return found


def every_root(qtbot, window) -> list[tuple[str, QWidget]]:  # type: ignore[no-untyped-def]
    roots: list[tuple[str, QWidget]] = []
    for name, _view, _key in window.views:
        window.show_view(name)
        flush()
        roots.append((name, window.stack.currentWidget()))
    for name, opener in dialog_openers(window):
        dialog = opener()
        dialog.show()
        roots.append((name, dialog))
    return roots


def test_every_input_in_every_view_and_dialog_has_a_spoken_name(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    problems = {}
    for name, root in every_root(qtbot, window):
        missing = unnamed_inputs(root)
        if missing:
            problems[name] = missing
    assert problems == {}


def test_labels_with_a_shortcut_letter_have_a_buddy(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    problems = {}
    for name, root in every_root(qtbot, window):
        missing = labels_without_buddy(root)
        if missing:
            problems[name] = missing
    assert problems == {}


def test_tab_order_of_the_check_in_follows_the_layout_top_to_bottom(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Rows top to bottom; inside the body map, column by column (right side, centre, left side), as it is drawn."""
    form = window.today.checkin
    form.time_edit.setFocus()
    rows, sites = [], []
    widget = form.time_edit
    for _ in range(40):
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & widget.focusPolicy().TabFocus) or not widget.isVisible():
            widget = widget.nextInFocusChain()
        if not form.isAncestorOf(widget):
            break
        where = widget.mapTo(form, widget.rect().topLeft())
        (sites if form.sites.isAncestorOf(widget) else rows).append((where.x(), where.y()))
    assert len(rows) >= 4 and len(sites) == 19
    # Controls on one row (a score and its recall period) may differ by a few pixels.
    assert all(b[1] >= a[1] - 12 for a, b in itertools.pairwise(rows)), str(rows)
    columns = [x for x, _y in sites]
    assert columns == sorted(columns), str(sites)  # column after column
    assert all(b[1] > a[1] for a, b in itertools.pairwise(sites) if a[0] == b[0])  # down each column


def test_the_walk_finds_an_unnamed_input(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QCheckBox, QSpinBox, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    for widget in (QLineEdit(), QSpinBox(), QCheckBox()):
        layout.addWidget(widget)
    assert len(unnamed_inputs(root)) == 3


def test_every_chart_describes_its_data_in_words(qtbot, window, ui_store, now) -> None:  # type: ignore[no-untyped-def]
    from .test_trends import _seed, _trends

    _seed(ui_store, now)
    view = _trends(qtbot, window)
    for chart in view.charts:
        described = chart.accessibleDescription()
        assert described and described == chart.canvas.accessibleDescription(), chart.title
        assert any(ch.isdigit() for ch in described), (chart.title, described)  # it summarises numbers
        assert "Not enough" not in described, (chart.title, described)


def test_journal_columns_fit_their_text_at_twice_the_text_size(qtbot, ui_store, now) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from gutpain_desktop.domain.entries import BowelEntry
    from gutpain_desktop.ui.main_window import MainWindow

    ui_store.entries.add(BowelEntry(occurred_at=now.replace(month=9, day=30) if now.month > 9 else now, bristol=4))
    app = QApplication.instance()
    font = app.font()
    large = app.font()
    large.setPointSizeF(font.pointSizeF() * 2)
    app.setFont(large)
    try:
        window = MainWindow(ui_store)
        qtbot.addWidget(window)
        window.show()
        window.show_view("Journal")
        journal = window.journal
        qtbot.waitUntil(lambda: journal.model.rowCount() == 1)
        metrics = journal.table.fontMetrics()
        header = journal.table.horizontalHeader()
        for column in range(3):
            text = str(journal.model.index(0, column).data())
            assert header.sectionSize(column) > metrics.horizontalAdvance(text), (column, text)
        window.close()
    finally:
        app.setFont(font)


def test_learn_links_are_named_by_their_words_not_the_panel_id(window) -> None:  # type: ignore[no-untyped-def]
    links = [
        label.accessibleName()
        for label in window.today.findChildren(QLabel)
        if "panel:" in label.text() and label.accessibleName()
    ]
    assert "Learn more: Gut, brain and pain" in links
    assert "Learn more: Stress and the gut" in links
    assert not [name for name in links if "-" in name or name.endswith(("axis", "gut-brain"))]


def _ink_end(label: QLabel) -> int:
    """Where the label's text ends as drawn (the last column with ink, plus one), drawn with room to spare."""
    probe = QLabel(label.text())
    probe.setFont(label.font())
    probe.setBuddy(label.buddy())
    probe.resize(label.width() + 60, label.height())
    image = probe.grab().toImage()
    background = image.pixelColor(image.width() - 1, 0)
    columns = [
        x for x in range(image.width()) if any(image.pixelColor(x, y) != background for y in range(image.height()))
    ]
    probe.deleteLater()
    return columns[-1] + 1


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_journal_filter_labels_are_never_clipped(qtbot, ui_store, scale) -> None:  # type: ignore[no-untyped-def]
    """'&To' was drawn 'Tc': Qt measured the text kerned but drew the underlined letter apart. Every filter label
    gets at least its size hint, and the whole text as drawn fits inside it, at normal and at twice the text size."""
    from PySide6.QtWidgets import QApplication

    from gutpain_desktop.ui.main_window import MainWindow

    app = QApplication.instance()
    font = app.font()
    large = app.font()
    large.setPointSizeF(font.pointSizeF() * scale)
    app.setFont(large)
    try:
        window = MainWindow(ui_store)
        qtbot.addWidget(window)
        window.resize(1280, 860)
        window.show()
        window.show_view("Journal")
        flush()
        labels = window.journal.filter_labels
        assert [label.text() for label in labels] == ["&Show", "&From", "&To"]
        for label in labels:
            assert label.sizeHint().width() <= label.width(), (label.text(), label.sizeHint(), label.width())
            assert _ink_end(label) <= label.width(), (label.text(), _ink_end(label), label.width())
        window.close()
    finally:
        app.setFont(font)


def test_chart_text_grows_with_the_persons_text_size(qtbot, ui_store, now) -> None:  # type: ignore[no-untyped-def]
    """At 200% text the charts' ticks and labels are drawn twice as large too (they were fixed at 7-10 points)."""
    from PySide6.QtWidgets import QApplication

    from gutpain_desktop.ui.main_window import MainWindow
    from tests.samples import every_kind

    ui_store.entries.add_many(every_kind(now))
    app = QApplication.instance()
    font = app.font()
    sizes = {}
    try:
        for scale in (1.0, 2.0):
            large = app.font()
            large.setPointSizeF(font.pointSizeF() * scale)
            app.setFont(large)
            window = MainWindow(ui_store)
            qtbot.addWidget(window)
            window.show()
            window.show_view("Trends")
            view = window.trends
            qtbot.waitUntil(lambda view=view: view.data is not None, timeout=30_000)
            view.pain.ensure_drawn()
            ticks = view.pain.figure.axes[-1].get_xticklabels()
            sizes[scale] = max(label.get_fontsize() for label in ticks)
            window.close()
    finally:
        app.setFont(font)
        QApplication.instance().setFont(font)
    assert sizes[2.0] >= 1.9 * sizes[1.0], sizes
