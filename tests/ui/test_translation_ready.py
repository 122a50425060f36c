"""Translation-ready: with a pseudo-translation installed (every translated text wrapped in ⟦ ⟧), the texts a person
sees in the main window's views, menus and dialogs carry the markers, so none bypasses Qt's translation."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QWidget,
)

from gutpain_desktop.storage import Store
from gutpain_desktop.ui.main_window import MainWindow

from .conftest import dialog_openers, flush

OPEN, CLOSE = "⟦", "⟧"
#: Texts with nothing to translate: numbers, dates, times, symbols, and what is not words (a text that starts with a
#: number and goes on in words, "0 = no pain, …", is words).
NOT_WORDS = re.compile(r"^[\s\d\W]*$|^\d{4}-\d{2}-\d{2}|^[A-Z]?\d[\d\W]*(AM|PM)?$")


class PseudoTranslator(QTranslator):
    def __init__(self) -> None:
        super().__init__()
        self.asked: set[tuple[str, str]] = set()  # (context, source) of every text the app had translated

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:  # type: ignore[override]
        self.asked.add((context, source))
        return f"{OPEN}{source}{CLOSE}"

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def pseudo() -> Iterator[PseudoTranslator]:
    translator = PseudoTranslator()
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


def visible_texts(root: QWidget) -> list[str]:
    found: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        if (isinstance(widget, QLabel) and widget.pixmap().isNull()) or isinstance(widget, QAbstractButton):
            found.append(widget.text())
        elif isinstance(widget, QGroupBox):
            found.append(widget.title())
        elif isinstance(widget, QLineEdit):
            found.append(widget.placeholderText())
        elif isinstance(widget, QComboBox) and widget.isEditable() is False:
            found.extend(widget.itemText(i) for i in range(widget.count()))
        elif isinstance(widget, QTabWidget):
            found.extend(widget.tabText(i) for i in range(widget.count()))
        if widget.isWindow():
            found.append(widget.windowTitle())
        if widget.toolTip():
            found.append(widget.toolTip())
        if widget.accessibleName():  # what a screen reader says goes through translation too
            found.append(widget.accessibleName())
    return [text for text in found if text and not NOT_WORDS.match(re.sub(r"<[^>]+>", "", text))]


def untranslated(texts: list[str]) -> list[str]:
    return sorted({text for text in texts if OPEN not in text})


def test_menus_and_views_are_translated(qtbot, pseudo, ui_store: Store) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ui_store)
    qtbot.addWidget(window)
    window.show()
    problems: dict[str, list[str]] = {}
    for menu in window.menuBar().findChildren(QMenu):
        texts = [menu.title()] + [action.text() for action in menu.actions() if not action.isSeparator()]
        if missing := untranslated([t for t in texts if t]):
            problems[f"menu {menu.title()}"] = missing
    for name, _view, _key in window.views:
        window.show_view(name)
        flush()
        if missing := untranslated(visible_texts(window.stack.currentWidget())):
            problems[name] = missing
    if missing := untranslated([window.nav.item(i).text() for i in range(window.nav.count())]):
        problems["navigation"] = missing
    window.close()
    assert problems == {}, problems


def test_dialogs_are_translated(qtbot, pseudo, ui_store: Store) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ui_store)
    qtbot.addWidget(window)
    window.show()
    problems: dict[str, list[str]] = {}
    dialogs = dialog_openers(window)
    for name, opener in dialogs:
        dialog = opener()
        dialog.show()
        flush()
        if missing := untranslated(visible_texts(dialog)):
            problems[name] = missing
        dialog.reject()
    window.close()
    assert problems == {}, problems


def test_pyside6_lupdate_extracts_the_ui_texts_and_the_domain_labels(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    import gutpain_desktop

    tool = Path(sys.executable).with_name("pyside6-lupdate")
    if not tool.exists():
        found = shutil.which("pyside6-lupdate")
        if found is None:
            pytest.skip("pyside6-lupdate is not installed")
        tool = Path(found)
    package = Path(gutpain_desktop.__file__).parent
    sources = [str(path) for path in sorted(package.rglob("*.py"))]
    target = tmp_path / "gutpain_xx.ts"
    done = subprocess.run([str(tool), *sources, "-ts", str(target)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    catalogue = target.read_text(encoding="utf-8")
    for text in ("Daily check-in", "Upper arm, left", "Watery, no solid pieces", "Bowel movement", "Pain calendar"):
        assert f"<source>{text}</source>" in catalogue, text
    assert "<name>Labels</name>" in catalogue
    for context in ("Insights", "Diet", "Lists", "Fields", "Validation", "Challenges", "Storage", "RedFlags"):
        assert f"<name>{context}</name>" in catalogue, context  # the sentences composed below the UI
    # a plural made below the UI reaches translators as one, with every form of their language to fill in
    assert re.search(r'<message numerus="yes">\s*<location[^>]*/>\s*<source>%n days</source>', catalogue)


def test_a_compiled_translation_in_the_folder_is_loaded_for_the_system_language(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    from PySide6.QtCore import QLocale

    from gutpain_desktop.ui.translate import install_translations

    release = Path(sys.executable).with_name("pyside6-lrelease")
    if not release.exists() and shutil.which("pyside6-lrelease") is None:
        pytest.skip("pyside6-lrelease is not installed")
    source = tmp_path / "gutpain_de.ts"
    source.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="de">'
        "<context><name>Labels</name><message><source>Neck</source><translation>Nacken</translation></message>"
        "</context></TS>",
        encoding="utf-8",
    )
    tool = str(release) if release.exists() else "pyside6-lrelease"
    subprocess.run([tool, str(source), "-qm", str(tmp_path / "gutpain_de.qm")], check=True, capture_output=True)
    app = QCoreApplication.instance()
    installed = install_translations(app, tmp_path, QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        assert installed
        assert QCoreApplication.translate("Labels", "Neck") == "Nacken"
    finally:
        for translator in installed:
            QCoreApplication.removeTranslator(translator)
    assert QCoreApplication.translate("Labels", "Neck") == "Neck"


def lupdate_catalogue(tmp_path) -> set[tuple[str, str]] | None:  # type: ignore[no-untyped-def]
    """(context, source) of every text pyside6-lupdate extracts from the package; None when the tool is missing."""
    import shutil
    import subprocess
    import sys
    import xml.etree.ElementTree as ET
    from pathlib import Path

    import gutpain_desktop

    tool = Path(sys.executable).with_name("pyside6-lupdate")
    if not tool.exists():
        found = shutil.which("pyside6-lupdate")
        if found is None:
            return None
        tool = Path(found)
    sources = [str(path) for path in sorted(Path(gutpain_desktop.__file__).parent.rglob("*.py"))]
    target = tmp_path / "catalogue.ts"
    subprocess.run([str(tool), *sources, "-ts", str(target)], check=True, capture_output=True, timeout=120)
    found_texts: set[tuple[str, str]] = set()
    for context in ET.parse(target).getroot().iter("context"):
        name = context.findtext("name") or ""
        found_texts.update((name, message.findtext("source") or "") for message in context.iter("message"))
    return found_texts


def test_every_text_translated_at_run_time_is_in_the_translators_catalogue(qtbot, pseudo, ui_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A text translated from a variable (self.tr(text)) works at run time but is missing from what pyside6-lupdate
    gives translators: every (context, text) the app asks for must be in the extracted catalogue."""
    catalogue = lupdate_catalogue(tmp_path)
    if catalogue is None:
        pytest.skip("pyside6-lupdate is not installed")
    test_menus_and_views_are_translated(qtbot, pseudo, ui_store)
    test_dialogs_are_translated(qtbot, pseudo, ui_store)
    ours = {(c, text) for c, text in pseudo.asked if not c.startswith("Q") and any(ch.isalpha() for ch in text)}
    missing = sorted(ours - catalogue)
    assert missing == [], missing


#: The contexts of the sentences composed below the UI (gutpain_desktop.i18n.Phrase).
PHRASE_CONTEXTS = {"Insights", "Diet", "Lists", "Fields", "Validation", "Challenges", "Storage", "RedFlags", "Labels"}


def journal_with_sentences(store: Store):  # type: ignore[no-untyped-def]
    """A year of demo entries, an elimination diet past its planned end, and blood noted today (a red flag).
    Returns the day the diet started. A year, not half of one: the demo's dairy -> bloating link then stands out
    whatever today's date (checked on 29 dates over a year); with half a year it did not on some days."""
    from datetime import date, datetime, timedelta

    from gutpain_desktop.demo import generate_demo
    from gutpain_desktop.domain.entries import BowelEntry, DietPhase, DietPhaseEntry, DietProtocol

    today = date.today()
    generate_demo(store, years=1.0, seed=1, today=today)
    start = max(e.start for e in store.entries.entries() if isinstance(e, DietPhaseEntry)) + timedelta(days=1)
    start = min(start, today)
    midnight = datetime.combine(start, datetime.min.time()).astimezone()  # never in the future, whatever the hour
    store.entries.add(
        DietPhaseEntry(
            occurred_at=midnight,
            protocol=DietProtocol.LOW_FODMAP,
            phase=DietPhase.ELIMINATION,
            planned_end=start,
            eliminated=("fodmap_lactose", "dairy"),
        )
    )
    now = datetime.now().astimezone()
    moment = max(now - timedelta(minutes=5), now.replace(hour=0, minute=0, second=0, microsecond=0))
    store.entries.add(BowelEntry(occurred_at=moment, bristol=4, blood=True))
    return start


def test_sentences_composed_below_the_ui_are_translated_and_in_the_catalogue(qtbot, pseudo, ui_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Insights, the diet's state, the red-flag notice and a validation problem are made below the UI (Phrase): with
    the pseudo-translation every part of them is translated (nested labels and phrases too), and every text asked for
    is in pyside6-lupdate's catalogue."""
    from gutpain_desktop.domain.entries import EntryKind
    from gutpain_desktop.ui.formats import DisplayFormats

    started = journal_with_sentences(ui_store)
    window = MainWindow(ui_store)
    qtbot.addWidget(window)
    window.show()
    pseudo.asked.clear()

    window.show_view("Insights")
    view = window.insights
    qtbot.waitUntil(lambda: view.report is not None, timeout=60_000)
    result = view.chosen()
    assert result is not None and result.notable
    sentence = view.sentence.text()
    assert sentence.startswith(OPEN) and sentence.count(OPEN) >= 3, sentence  # the sentence, its food and symptom
    assert ("Insights", str(result.phrase.template)) in pseudo.asked
    assert ("Labels", result.outcome.label) in pseudo.asked  # the symptom's name, translated inside the sentence
    assert result.sentence.split(",")[0] not in sentence  # not the English

    window.show_view("Diet")
    flush()
    diet = window.diet
    state, guidance = diet.state.text(), diet.guidance.text()
    assert state.startswith(OPEN) and f"{OPEN}Low FODMAP{CLOSE}" in state and f"{OPEN}Elimination{CLOSE}" in state
    assert "may be time to move to" in state and f"{OPEN}Reintroduction{CLOSE}" in state
    assert f"(since {DisplayFormats.short_date(started)})" in state  # the date in the person's locale, not strftime's
    assert guidance.startswith(OPEN) and guidance.endswith(CLOSE)

    window.red_flags.check()
    assert window.notice.isVisible()
    notice = window.notice.label.text()
    assert notice.startswith(f"{OPEN}You noted blood") and notice.endswith(CLOSE)

    challenge = window.today.open_entry_dialog(EntryKind.CHALLENGE)
    qtbot.keyClicks(challenge.form.food, "Garlic")
    challenge.save_button.click()
    error = challenge.error.text()
    assert f"{OPEN}Target symptoms{CLOSE}" in error or f"{OPEN}target symptoms{CLOSE}".capitalize() in error, error
    assert f"{OPEN}choose 1 to 3 symptoms before the challenge starts{CLOSE}" in error, error
    challenge.reject()
    problems = {}
    for name, _view, _key in window.views:  # and every view shows this journal in the person's language
        window.show_view(name)
        flush()
        if missing := untranslated(visible_texts(window.stack.currentWidget())):
            problems[name] = missing
    assert problems == {}, problems
    window.close()

    catalogue = lupdate_catalogue(tmp_path)
    if catalogue is None:
        pytest.skip("pyside6-lupdate is not installed")
    own_names = set(ui_store.catalog.names().values())  # a name the person typed has no entry (and needs none)
    asked = {(c, text) for c, text in pseudo.asked if not c.startswith("Q") and any(ch.isalpha() for ch in text)}
    assert {c for c, _ in asked} >= PHRASE_CONTEXTS - {"Challenges", "Storage"}
    missing = sorted(item for item in asked - catalogue if not (item[0] == "Labels" and item[1] in own_names))
    assert missing == [], missing


# --- the Trends charts, numbers and dates in the person's locale --------------------------------------------------


def _demo_window(qtbot, store: Store, years: float = 0.5) -> MainWindow:  # type: ignore[no-untyped-def]
    from datetime import date

    from gutpain_desktop.demo import generate_demo

    generate_demo(store, years=years, seed=1, today=date.today())
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    return window


def _drawn_trends(qtbot, window: MainWindow, range_index: int | None = None):  # type: ignore[no-untyped-def]
    window.show_view("Trends")
    view = window.trends
    qtbot.waitUntil(lambda: view.data is not None, timeout=30_000)
    if range_index is not None:
        view.data = None
        view.range.setCurrentIndex(range_index)
        qtbot.waitUntil(lambda: view.data is not None, timeout=30_000)
    for chart in view.charts:
        chart.ensure_drawn()
    return view


def _hover_events(view) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """A mouse position over data in each chart (as matplotlib reports it), by chart."""
    from types import SimpleNamespace

    import numpy as np
    from matplotlib import dates as mdates

    day = float(mdates.date2num(view.data.days[-3])) + 0.5
    row, week = np.argwhere(~np.isnan(view.calendar.stacked))[-1]
    when, types = view.stool.drawn["stool"]
    return {
        "pain": SimpleNamespace(xdata=day, ydata=5.0, inaxes=view.pain.axes),
        "overlay": SimpleNamespace(xdata=day, ydata=5.0, inaxes=view.overlay.axes),
        "calendar": SimpleNamespace(xdata=float(week), ydata=float(row), inaxes=view.calendar.axes),
        "meals": SimpleNamespace(xdata=day, ydata=0.0, inaxes=view.meals.axes),
        "meals pain": SimpleNamespace(xdata=day, ydata=5.0, inaxes=view.meals.pain_axes),
        "stool": SimpleNamespace(xdata=float(mdates.date2num(when[0])), ydata=float(types[0]), inaxes=view.stool.axes),
        "sites": SimpleNamespace(
            xdata=1.0, ydata=float(view.sites.counts.index(max(view.sites.counts))), inaxes=view.sites.axes
        ),
    }


def test_the_trends_charts_speak_through_the_translation(qtbot, pseudo, ui_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """With a demo journal every chart's description (what a screen reader reads and the note under it), hover
    texts, key, axis labels and table headers are pseudo-translated, and every text asked for is in lupdate's
    catalogue."""
    window = _demo_window(qtbot, ui_store)
    pseudo.asked.clear()
    view = _drawn_trends(qtbot, window)
    charts = {
        "pain": view.pain,
        "overlay": view.overlay,
        "calendar": view.calendar,
        "meals": view.meals,
        "stool": view.stool,
        "sites": view.sites,
    }
    for name, chart in charts.items():
        described = chart.accessibleDescription()
        assert described.startswith(OPEN) and described.endswith(CLOSE), (name, described)
        assert chart.message.text() == described and chart.canvas.accessibleDescription() == described
        assert "Not enough" not in described, (name, described)
        header, rows = chart.table_data()
        assert rows and all(text.startswith(OPEN) for text in header[:2]), (name, header)
        labels = [text for axes in chart.figure.axes for text in (axes.get_ylabel(), axes.get_xlabel()) if text]
        assert any(OPEN in text for text in labels), (name, labels)
    for name in ("pain", "overlay", "meals", "stool"):
        key = charts[name].key.text()
        assert key.count(OPEN) == len(charts[name].key_items) >= 1, (name, key)
    assert view.status.text().startswith(OPEN)
    foods = {challenge.food for challenge in view.data.challenges}  # the person's own words, as written
    phases = [text.get_text() for text in view.pain.axes.texts if text.get_text().strip() not in foods]
    assert phases and all(OPEN in text for text in phases), phases
    for name, event in _hover_events(view).items():
        chart = charts[name.split()[0]]
        text = chart.hover_text(event)
        assert text is not None and text.startswith(OPEN), (name, text)
    assert ("PainChart", "%n days") in pseudo.asked  # the count of days, as a plural for translators
    assert ("DayChart", "Pain (0–10)") in pseudo.asked
    window.close()

    catalogue = lupdate_catalogue(tmp_path)
    if catalogue is None:
        pytest.skip("pyside6-lupdate is not installed")
    asked = {(c, text) for c, text in pseudo.asked if not c.startswith("Q") and any(ch.isalpha() for ch in text)}
    assert {c for c, _ in asked} >= {"PainChart", "OverlayChart", "CalendarChart", "MealsChart", "StoolChart"}
    assert {c for c, _ in asked} >= {"SitesChart", "DayChart", "TrendsView"}
    missing = sorted(asked - catalogue)
    assert missing == [], missing


@pytest.fixture
def german() -> Iterator[None]:
    from PySide6.QtCore import QLocale

    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    QLocale.setDefault(before)


GERMAN_MONTHS = {"Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"}


def test_numbers_and_months_follow_the_locale(qtbot, german, ui_store) -> None:  # type: ignore[no-untyped-def]
    """In a German locale the charts, the sleep form, the challenge wizard, the backup sizes and the journal's count
    write numbers with German separators, and the date ticks of a long range name German months."""
    from PySide6.QtCore import Qt

    from gutpain_desktop.domain.entries import EntryKind
    from gutpain_desktop.ui.dialogs.challenge_wizard import open_challenge_wizard

    decimal = re.compile(r"\d,\d")
    window = _demo_window(qtbot, ui_store, years=1)
    view = _drawn_trends(qtbot, window, range_index=2)  # the last year: ticks at the starts of months
    assert (view.data.end - view.data.start).days == 364
    described = view.pain.accessibleDescription()
    assert decimal.search(described) and not re.search(r"\d\.\d", described), described
    hover = view.pain.hover_text(_hover_events(view)["pain"])
    assert hover is not None and decimal.search(hover), hover
    for chart in (view.pain, view.stool, view.meals):
        ticks = [label.get_text() for label in chart.figure.axes[-1].get_xticklabels()]
        months = [text for text in ticks if not text.isdigit()]
        assert len(months) >= 3 and set(months) <= GERMAN_MONTHS, (chart.title, ticks)
        assert {"Mär", "Mai", "Okt", "Dez"} & set(months), ticks  # names English writes otherwise
    calendar = [label.get_text() for label in view.calendar.axes.get_xticklabels()]
    assert calendar[:3] == ["J", "F", "M"]

    sleep = window.today.open_entry_dialog(EntryKind.SLEEP)
    assert decimal.search(sleep.form.total.text()), sleep.form.total.text()
    sleep.reject()

    wizard = open_challenge_wizard(window.services, window)
    qtbot.keyClicks(wizard.food_page.food, "Milch")
    wizard.next()
    targets = wizard.targets_page
    for i in range(targets.targets.count()):
        if targets.targets.item(i).data(Qt.ItemDataRole.UserRole) == "bloating":
            targets.targets.item(i).setCheckState(Qt.CheckState.Checked)
    assert re.search(r": \d+,\d on average over \d of the 3 days before", targets.baseline.text()), (
        targets.baseline.text()
    )
    wizard.reject()

    settings = window.open_settings()
    assert settings.backups.size_text(3_670_016) == "3,5 MB"
    assert settings.backups.size_text(1) == "1 byte"
    settings.reject()

    window.show_view("Journal")
    qtbot.waitUntil(lambda: "." in window.journal.count_label.text())
    assert re.fullmatch(r"\d\.\d{3} entries", window.journal.count_label.text()), window.journal.count_label.text()

    window.show_view("Insights")  # the table's means, differences and p-values, and the sentence made below the UI
    insights = window.insights
    qtbot.waitUntil(lambda: insights.report is not None, timeout=60_000)
    model = insights.model
    cells = [str(model.index(r, c).data()) for r in range(model.rowCount()) for c in range(model.columnCount())]
    numbers = [cell for cell in cells if re.search(r"\d[.,]\d", cell)]
    assert numbers and all(not re.search(r"\d\.\d", cell) for cell in numbers), numbers[:5]
    assert any(decimal.search(cell) for cell in numbers)
    sentence = insights.sentence.text()
    assert not re.search(r"\d\.\d", sentence), sentence
    window.close()
