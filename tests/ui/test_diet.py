"""Diet view: moving through the phases (undoable), the reintroduction wizard (allergy refusal, 1-3 targets, the
baseline, saving), today's step on Today, and the suggested verdict accepted into the journal."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from gutpain_desktop.domain.entries import (
    ChallengeDose,
    ChallengeEntry,
    ChallengeOutcome,
    ContextEntry,
    DietPhase,
    DietPhaseEntry,
    DietProtocol,
    Dose,
    EntryKind,
    SymptomEntry,
)

from .conftest import click, type_into


def _at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour)).astimezone()


def _diet(qtbot, window):  # type: ignore[no-untyped-def]
    window.show_view("Diet")
    view = window.diet
    qtbot.waitUntil(view.isVisible, timeout=5000)
    return view


def _phases(store) -> list[DietPhase]:  # type: ignore[no-untyped-def]
    found = store.entries.entries(kinds=[EntryKind.DIET_PHASE])
    return [e.phase for e in sorted(found, key=lambda e: e.occurred_at)]


def test_moving_through_the_phases_and_undo(qtbot, window, ui_store):
    today = date.today()
    ui_store.entries.add(
        DietPhaseEntry(
            occurred_at=_at(today - timedelta(days=10)),
            protocol=DietProtocol.DAIRY_FREE,
            phase=DietPhase.BASELINE,
            eliminated=("dairy",),
        )
    )
    view = _diet(qtbot, window)
    assert "Dairy-free trial: baseline, day 11" in view.state.text()
    assert view.next_button.isVisible() and "elimination" in view.next_button.text()
    click(qtbot, view.next_button)
    assert _phases(ui_store) == [DietPhase.BASELINE, DietPhase.ELIMINATION]
    latest = ui_store.entries.latest(EntryKind.DIET_PHASE)
    assert latest.eliminated == ("dairy",) and latest.protocol is DietProtocol.DAIRY_FREE
    assert "elimination, day 1" in view.state.text()
    click(qtbot, view.pause_button)
    assert view.resume_button.isVisible() and not view.pause_button.isVisible()
    click(qtbot, view.resume_button)
    assert _phases(ui_store)[-1] is DietPhase.ELIMINATION
    window.undo_action.trigger()  # takes back the resume
    window.undo_action.trigger()  # and the pause
    assert _phases(ui_store) == [DietPhase.BASELINE, DietPhase.ELIMINATION]
    assert "elimination" in view.state.text()


def test_the_wizard_refuses_a_food_that_caused_an_allergic_reaction(qtbot, window):
    from gutpain_desktop.analysis.challenges import Reaction
    from gutpain_desktop.ui.dialogs.challenge_wizard import open_challenge_wizard

    wizard = open_challenge_wizard(window.services, window)
    page = wizard.food_page
    type_into(qtbot, page.food, "Peanuts")
    assert page.isComplete()
    click(qtbot, page.reactions[Reaction.SWELLING])
    assert not page.isComplete()
    assert page.refusal.isVisible() and "don't test this food yourself" in page.refusal.text()
    click(qtbot, page.reactions[Reaction.SWELLING])
    assert page.isComplete() and not page.refusal.isVisible()
    wizard.reject()


def test_the_wizard_refuses_a_food_with_a_reaction_logged_in_the_journal(qtbot, window, ui_store):
    from gutpain_desktop.domain.entries import Reaction
    from gutpain_desktop.ui.dialogs.challenge_wizard import open_challenge_wizard

    ui_store.entries.add(
        ContextEntry(
            occurred_at=_at(date.today() - timedelta(days=200), 20),
            reaction_food="Peanut butter",
            reactions=frozenset({Reaction.HIVES}),
        )
    )
    wizard = open_challenge_wizard(window.services, window)
    page = wizard.food_page
    type_into(qtbot, page.food, "peanuts")
    assert not page.isComplete() and page.refusal.isVisible()
    assert "Your journal has hives after Peanut butter" in page.refusal.text()
    assert not any(box.isChecked() for box in page.reactions.values())  # nothing ticked: the journal was enough
    type_into(qtbot, page.food, "Garlic")
    assert page.isComplete() and not page.refusal.isVisible()
    wizard.reject()


def test_a_challenge_planned_in_the_wizard_is_saved_and_shown_on_today(qtbot, window, ui_store):
    from PySide6.QtCore import Qt

    from gutpain_desktop.ui.dialogs.challenge_wizard import open_challenge_wizard

    today = date.today()
    for offset, value in ((1, 2), (2, 3), (3, 4)):
        ui_store.entries.add(
            SymptomEntry(occurred_at=_at(today - timedelta(days=offset)), symptom="bloating", severity=value)
        )
    wizard = open_challenge_wizard(window.services, window)
    type_into(qtbot, wizard.food_page.food, "Milk")
    wizard.next()
    targets = wizard.targets_page
    assert not targets.isComplete()  # nothing chosen yet
    for i in range(targets.targets.count()):
        item = targets.targets.item(i)
        if item.data(Qt.ItemDataRole.UserRole) in ("bloating", "fatigue", "nausea", "headache"):
            item.setCheckState(Qt.CheckState.Checked)
    assert not targets.isComplete() and "Three at most" in targets.baseline.text()
    for i in range(targets.targets.count()):
        item = targets.targets.item(i)
        if item.data(Qt.ItemDataRole.UserRole) in ("nausea", "headache"):
            item.setCheckState(Qt.CheckState.Unchecked)
    assert targets.isComplete()
    assert "Bloating: 3.0 on average over 3 of the 3 days" in targets.baseline.text()
    assert "Fatigue: no ratings" in targets.baseline.text()
    wizard.next()
    type_into(qtbot, wizard.plan_page.amounts[0], "60 ml")
    wizard.accept()
    saved = ui_store.entries.entries(kinds=[EntryKind.CHALLENGE])
    assert len(saved) == 1
    challenge = saved[0]
    assert challenge.food == "Milk" and set(challenge.target_symptoms) == {"bloating", "fatigue"}
    assert [(d.day, d.size, d.amount) for d in challenge.doses] == [
        (1, Dose.SMALL, "60 ml"),
        (2, Dose.MEDIUM, ""),
        (3, Dose.LARGE, ""),
    ]
    assert challenge.outcome is ChallengeOutcome.PENDING and challenge.local_date == today
    window.show_view("Today")
    assert "Milk challenge, day 1 of 3: eat a small portion (60 ml)." in window.today.diet_label.text()


def _challenge_with_scores(store, day1, day_scores, **context):  # type: ignore[no-untyped-def]
    """A finished milk challenge watching bloating; ``day_scores`` from 3 days before day 1 to the break's end."""
    challenge = store.entries.add(
        ChallengeEntry(
            occurred_at=_at(day1, 8),
            food="Milk",
            target_symptoms=("bloating",),
            doses=(ChallengeDose(1, Dose.SMALL), ChallengeDose(2, Dose.MEDIUM), ChallengeDose(3, Dose.LARGE)),
        )
    )
    for offset, value in enumerate(day_scores, start=-3):
        store.entries.add(
            SymptomEntry(occurred_at=_at(day1 + timedelta(days=offset), 20), symptom="bloating", severity=value)
        )
    for offset, fields in context.items():
        store.entries.add(ContextEntry(occurred_at=_at(day1 + timedelta(days=int(offset[1:])), 12), **fields))
    return challenge


def test_the_suggested_verdict_is_shown_with_its_numbers_and_accepted_with_undo(qtbot, window, ui_store):
    day1 = date.today() - timedelta(days=12)
    # three baseline days, then day 1 to 3 (doses) and days 4 to 6 (the break): a rise on day 3, after the medium dose
    scores = [2, 2, 2, 2, 2, 5, 3, 2, 2]
    challenge = _challenge_with_scores(ui_store, day1, scores)
    view = _diet(qtbot, window)
    panel = view.verdict
    assert panel.isVisible() and panel.challenge.id == challenge.id  # the latest one without an outcome
    assert panel.suggested is ChallengeOutcome.TOLERATED_UP_TO_DOSE
    assert "small" in panel.text.text()
    row = panel.model.rows[0]
    from gutpain_desktop.analysis.challenges import rise_level

    assert row[:3] == ["Bloating", "2.0 (3 days)", f"{rise_level(2.0):.1f}"]
    assert row[3:] == ["2.0", "2.0", "5.0", "3.0", "2.0", "2.0"]
    assert panel.model.rows[-1] == ["Also going on", "—", "", "—", "—", "—", "—", "—", "—"]
    click(qtbot, panel.accept_button)
    assert ui_store.entries.get(challenge.id).outcome is ChallengeOutcome.TOLERATED_UP_TO_DOSE
    assert "tolerated up to a dose" in view.history_model.rows[0]
    window.undo_action.trigger()
    assert ui_store.entries.get(challenge.id).outcome is ChallengeOutcome.PENDING


def test_a_confounder_makes_the_suggestion_inconclusive_and_the_person_can_choose_otherwise(qtbot, window, ui_store):
    day1 = date.today() - timedelta(days=12)
    challenge = _challenge_with_scores(ui_store, day1, [2, 2, 2, 2, 5, 3, 2, 2, 2], d1={"illness": True})
    view = _diet(qtbot, window)
    assert view.verdict.suggested is ChallengeOutcome.INCONCLUSIVE
    assert "illness" in view.verdict.text.text()
    timeline = view.verdict.model.rows[-1]  # the illness on day 2 is marked as what made it inconclusive
    assert timeline == ["Also going on\n(* made it inconclusive)", "—", "", "—", "illness*", "—", "—", "—", "—"]
    view.history.selectRow(0)
    view.outcome.setCurrentIndex(view.outcome.findData(ChallengeOutcome.NOT_TOLERATED))
    view.decided_by.setCurrentIndex(1)  # with my practitioner
    click(qtbot, view.save_outcome)
    saved = ui_store.entries.get(challenge.id)
    assert saved.outcome is ChallengeOutcome.NOT_TOLERATED and saved.decided_by.value == "practitioner"


def _check_items(qtbot, found, wanted: set[str]) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    for i in range(found.count()):
        item = found.item(i)
        on = item.text() in wanted
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def test_starting_a_low_fodmap_diet_a_single_food_trial_and_a_custom_list(qtbot, window, ui_store):
    view = _diet(qtbot, window)
    assert view.start_button.isVisible()
    dialog = view.start_diet()
    # A single-food trial is offered first; gluten brings the coeliac-testing notice.
    dialog.single.setCurrentText("Gluten")
    assert dialog.coeliac.isVisible()
    assert "14-day baseline" in dialog.summary.text() and "leave out Gluten for about 4 weeks" in dialog.summary.text()
    # Low FODMAP: all six groups ticked, and fructans (wheat, rye, barley) keep the notice.
    click(qtbot, dialog.kind_buttons["fodmap"])
    assert dialog.pages.currentIndex() == 0
    plan = dialog.plan()
    assert plan.protocol is DietProtocol.LOW_FODMAP and len(plan.eliminated) == 6 and dialog.coeliac.isVisible()
    # Custom with nothing chosen cannot start, and says why.
    click(qtbot, dialog.kind_buttons["custom"])
    assert not dialog.ok_button.isEnabled() and "at least one" in dialog.error.text()
    _check_items(qtbot, dialog.custom_list, {"Dairy"})
    type_into(qtbot, dialog.custom_other, "tomatoes, aubergine")
    assert dialog.ok_button.isEnabled() and not dialog.coeliac.isVisible()
    click(qtbot, dialog.with_baseline)  # straight into the elimination
    type_into(qtbot, dialog.weeks, "3")
    click(qtbot, dialog.ok_button)
    saved = ui_store.entries.latest(EntryKind.DIET_PHASE)
    assert isinstance(saved, DietPhaseEntry)
    assert saved.protocol is DietProtocol.CUSTOM and saved.phase is DietPhase.ELIMINATION
    assert saved.eliminated == ("dairy", "tomatoes", "aubergine")
    assert saved.planned_end == date.today() + timedelta(days=20)
    assert "Custom: elimination, day 1" in view.state.text()
    assert "leaving out Dairy, Tomatoes, Aubergine" in view.phase_list.item(0).text()
    window.today.refresh()
    assert "elimination" in window.today.diet_label.text()
    window.undo_action.trigger()
    assert ui_store.entries.latest(EntryKind.DIET_PHASE) is None
    assert view.start_button.isVisible()


def test_a_single_food_trial_of_any_food(qtbot, window, ui_store):
    dialog = _diet(qtbot, window).start_diet()
    click(qtbot, dialog.kind_buttons["fodmap"])
    assert "all six FODMAP groups" in dialog.summary.text() and dialog.coeliac.isVisible()  # fructans: wheat goes
    click(qtbot, dialog.kind_buttons["single"])
    dialog.single.setCurrentText("eggs")
    assert not dialog.coeliac.isVisible()
    click(qtbot, dialog.ok_button)
    saved = ui_store.entries.latest(EntryKind.DIET_PHASE)
    assert saved.protocol is DietProtocol.SINGLE_FOOD and saved.eliminated == ("eggs",)
    assert saved.phase is DietPhase.BASELINE and saved.protocol_name == "Eggs-free trial"
    assert "Eggs-free trial: baseline, day 1" in window.diet.state.text()
