"""Reading the panels in the app: the Learn view, links between panels, Learn-more links, red-flag notices."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QUrl

from gutpain_desktop.domain.entries import BowelEntry, ContextEntry, EntryKind, SymptomEntry
from gutpain_desktop.ui.widgets.learn import learn_link

from .conftest import click


def test_the_learn_view_lists_searches_and_follows_links(qtbot, window):
    window.show_view("Learn")
    learn = window.learn
    assert learn.list.count() >= 12
    assert learn.reader.current is not None
    assert learn.reader.current.title in learn.reader.toPlainText()
    qtbot.keyClicks(learn.search, "vagus")
    qtbot.waitUntil(lambda: learn.list.count() < 12, timeout=2000)
    assert learn.list.item(0).text() == "How your gut and brain talk to each other"
    learn.search.clear()
    qtbot.keyClicks(learn.search, "zzzqqq")
    qtbot.waitUntil(lambda: learn.list.count() == 0, timeout=2000)
    assert learn.empty.isVisible()
    learn.search.clear()
    qtbot.waitUntil(lambda: learn.list.count() >= 12, timeout=2000)

    learn.open_panel("elimination-diets")
    text = learn.reader.toPlainText()
    assert "Sources" in text and "not a diagnosis" in text
    learn.reader.anchorClicked.emit(QUrl("panel:reading-your-trends"))
    assert learn.reader.current.id == "reading-your-trends"
    assert learn.list.currentItem().text() == learn.reader.current.title


def test_learn_more_in_the_bowel_form_opens_the_side_panel(qtbot, window):
    assert not window.side_panel.isVisible()
    dialog = window.today.open_entry_dialog(EntryKind.BOWEL)
    links = [w for w in dialog.findChildren(type(learn_link(window.services, "x"))) if "panel:" in w.text()]
    bristol = next(w for w in links if "bristol-scale" in w.text())
    bristol.linkActivated.emit("panel:bristol-scale")
    assert window.side_panel.isVisible()
    assert window.side_reader.current.id == "bristol-scale"
    assert "Bristol" in window.side_reader.toPlainText()


def test_a_fever_shows_a_reminder_that_links_to_the_doctor_panel_and_rests_once_dismissed(qtbot, window, ui_store):
    dialog = window.today.open_entry_dialog(EntryKind.CONTEXT)
    click(qtbot, dialog.form.fever)
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(window.notice.isVisible, timeout=2000)
    assert "fever" in window.notice.label.text()
    window.notice.link.linkActivated.emit("panel:when-to-see-a-doctor")
    assert window.side_reader.current.id == "when-to-see-a-doctor"
    click(qtbot, window.notice.dismiss_button)
    assert not window.notice.isVisible()
    assert window.red_flags.check() is None  # resting after dismissal: no nagging
    assert ui_store.catalog.setting("redflag.fever.dismissed_on")


def test_the_age_and_sex_rule_needs_the_optional_profile(qtbot, window, ui_store, now):
    ui_store.entries.add_many(
        [SymptomEntry(occurred_at=now - timedelta(days=d), symptom="bloating", severity=5) for d in range(14)]
    )
    assert window.red_flags.check() is None
    profile = window.open_profile()
    profile.sex.setCurrentIndex(profile.sex.findData("female"))
    profile.age.setValue(58)
    click(qtbot, profile.save_button)
    qtbot.waitUntil(window.notice.isVisible, timeout=2000)
    assert "bloating on 14 days" in window.notice.label.text()


def test_reminders_are_checked_at_start(qtbot, ui_store, now):
    from gutpain_desktop.ui.main_window import MainWindow

    ui_store.entries.add(BowelEntry(occurred_at=now, bristol=4, blood=True))
    ui_store.entries.add(ContextEntry(occurred_at=now, exercise=True))
    win = MainWindow(ui_store)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(win.notice.isVisible, timeout=2000)
    assert "blood" in win.notice.label.text()


def test_the_reader_follows_a_dark_palette(qtbot, window):
    from PySide6.QtGui import QColor, QPalette

    from gutpain_desktop.education.render import DARK, LIGHT

    reader = window.learn.reader
    reader.show_panel("food-reactions")
    assert LIGHT.established_bg.lower() in reader.toHtml().lower()
    palette = reader.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    reader.setPalette(palette)
    reader.show_panel("food-reactions")
    assert DARK.established_bg.lower() in reader.toHtml().lower()


def test_ctrl_4_opens_learn(qtbot, window):
    from PySide6.QtCore import Qt

    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.learn
    assert window.learn.list.count() >= 12


def test_the_learn_view_shows_a_translated_panel_and_english_for_the_others(qtbot, ui_store, tmp_path, monkeypatch):
    """A pseudo-language 'xx' with one translated panel: that one is shown translated (in the list, the reader,
    search, and when a link elsewhere opens it by id); the others in English, and links between them still work."""
    from gutpain_desktop.education import panels
    from gutpain_desktop.ui.main_window import MainWindow
    from tests.panel_translations import ENGLISH, XX_SENTENCE, english_copy, translate

    folder = english_copy(tmp_path)
    translate(folder, "xx", "food-reactions", "Xx: Reaktionen auf Essen")
    monkeypatch.setattr(panels, "education_dir", lambda: folder)
    win = MainWindow(ui_store, language="xx")
    qtbot.addWidget(win)
    win.show()
    win.show_view("Learn")
    learn = win.learn
    titles = [learn.list.item(row).text() for row in range(learn.list.count())]
    expected = ["Xx: Reaktionen auf Essen" if p.id == "food-reactions" else p.title for p in ENGLISH.panels]
    assert titles == expected

    learn.list.setCurrentRow(titles.index("Xx: Reaktionen auf Essen"))
    assert learn.reader.current.id == "food-reactions"
    text = learn.reader.toPlainText()
    assert "Xx: Reaktionen auf Essen" in text and XX_SENTENCE in text and "Sources" in text
    learn.reader.anchorClicked.emit(QUrl("panel:elimination-diets"))  # a link in the translated panel
    assert learn.reader.current.id == "elimination-diets" and learn.reader.current.language == "en"
    assert learn.list.currentItem().text() == ENGLISH.get("elimination-diets").title
    assert XX_SENTENCE not in learn.reader.toPlainText()

    qtbot.keyClicks(learn.search, "Übersetzung")
    qtbot.waitUntil(lambda: learn.list.count() == 1, timeout=2000)
    assert learn.list.item(0).text() == "Xx: Reaktionen auf Essen"

    win.events.learn_requested.emit("food-reactions")  # a Learn-more link in a form opens it by id
    assert win.side_panel.isVisible() and XX_SENTENCE in win.side_reader.toPlainText()
    win.events.learn_requested.emit("bristol-scale")
    assert win.side_reader.current.title == ENGLISH.get("bristol-scale").title
    win.close()


def test_the_panels_follow_the_locale_the_qt_translation_follows(tmp_path, monkeypatch):
    from PySide6.QtCore import QLocale

    from gutpain_desktop.education import panels
    from gutpain_desktop.ui.translate import panel_language
    from tests.panel_translations import english_copy, translate

    folder = english_copy(tmp_path)
    monkeypatch.setattr(panels, "education_dir", lambda: folder)
    austria = QLocale(QLocale.Language.German, QLocale.Country.Austria)
    assert panel_language(austria) == ""  # no German panels yet: English
    translate(folder, "de", "food-reactions", "Reaktionen auf Lebensmittel")
    assert panel_language(austria) == "de"
    assert panel_language(QLocale(QLocale.Language.French, QLocale.Country.France)) == ""
    assert panel_language(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)) == ""


def test_the_words_around_a_panel_go_through_qt_translation(qtbot, window):
    from PySide6.QtCore import QCoreApplication

    from .test_translation_ready import CLOSE, OPEN, PseudoTranslator

    pseudo = PseudoTranslator()
    QCoreApplication.installTranslator(pseudo)
    try:
        window.learn.open_panel("food-reactions")
        text = window.learn.reader.toPlainText()
    finally:
        QCoreApplication.removeTranslator(pseudo)
    assert f"{OPEN}Sources{CLOSE}" in text and f"{OPEN}Well established{CLOSE}" in text
    assert f"{OPEN}This panel is for learning" in text and f"{OPEN}Not supported by evidence{CLOSE}" in text
