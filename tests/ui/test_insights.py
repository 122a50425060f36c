"""Insights: run off the UI thread on a demo journal; the planted dairy -> next-day bloating effect comes first and
is the one marked; results are worded as associations; a challenge can be started from one."""

from __future__ import annotations

from datetime import date


def test_insights_find_the_planted_effect_and_offer_a_challenge(qtbot, window, ui_store):
    from gutpain_desktop.demo import generate_demo

    generate_demo(ui_store, years=1.0, seed=1, today=date.today())
    window.show_view("Insights")
    view = window.insights
    qtbot.waitUntil(lambda: view.report is not None, timeout=60_000)
    assert not view.progress.isVisible() and view.run_button.isEnabled()
    first = view.model.rows[0]
    assert first[:4] == ("★", "Dairy", "Bloating", "24–48 h")
    notable = [row for row in view.model.rows if row[0] == "★"]
    assert all(row[3] == "24–48 h" for row in notable if row[1] == "Dairy" and row[2] == "Bloating")
    assert "stands out" in view.summary.text() or "stand out" in view.summary.text()
    text = view.sentence.text().lower()
    assert "bloating" in text and "dairy" in text
    assert "trigger" not in text and "intoleran" not in text and " causes" not in text
    exposed, unexposed = view.report.values(view.shown[0])
    assert len(exposed) == view.shown[0].all_days.exposed_days and len(unexposed) > 0
    # The chart of the chosen result follows on a later turn of the event loop.
    qtbot.waitUntil(lambda: f"on {len(exposed)} days after Dairy" in view.canvas.accessibleDescription())
    assert view.figure.axes and view.figure.axes[0].get_ylabel() == "Bloating"
    assert view.challenge_button.isEnabled()
    view.challenge_button.click()
    from gutpain_desktop.ui.dialogs.challenge_wizard import ChallengeWizard

    wizards = view.findChildren(ChallengeWizard)
    assert wizards and wizards[0].food_page.food.text() == "Dairy"
    wizards[0].reject()


def test_a_new_run_cancels_the_old_one_and_cancel_stops_it(qtbot, window, ui_store):
    window.show_view("Insights")
    view = window.insights
    qtbot.waitUntil(lambda: view.report is not None, timeout=30_000)  # an empty journal: nothing to compare
    assert "0 comparisons" in view.summary.text()
    view.run()
    view.cancel()
    assert view.summary.text() == "Analysis cancelled." and view.run_button.isEnabled()
    view.runner.wait()
