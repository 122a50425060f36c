"""The suggested challenge verdict (shared/DOMAIN.md section 2) on hand-made challenge histories, and the refusal of
foods that once brought an allergic-type reaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from gutpain_desktop.analysis.challenges import (
    Confounder,
    Reaction,
    Verdict,
    challenge_inputs,
    challenge_window,
    day_confounders,
    may_challenge,
    recorded_reactions,
    rise_level,
    suggest_verdict,
    verdict_for,
)
from gutpain_desktop.domain.entries import (
    AnyEntry,
    ChallengeDose,
    ChallengeEntry,
    ChallengeOutcome,
    ContextEntry,
    Dose,
    PainEntry,
    SleepEntry,
    StressEntry,
    SymptomEntry,
)
from gutpain_desktop.storage import open_store

DAY1 = date(2026, 3, 10)
THREE_DOSES = (ChallengeDose(1, Dose.SMALL), ChallengeDose(2, Dose.MEDIUM), ChallengeDose(3, Dose.LARGE))


def on(day: int) -> date:
    """Challenge day ``day`` (1 = the first dose; 0, -1, -2 = the three baseline days)."""
    return DAY1 + timedelta(days=day - 1)


def history(*values: float | None, symptom: str = "bloating") -> dict[date, dict[str, float | None]]:
    """Scores from 3 days before day 1 on: 3 baseline days, then day 1, 2, 3, ... (None = not logged)."""
    return {on(day): {symptom: value} for day, value in enumerate(values, start=-2) if value is not None}


def verdict(
    scores: Mapping[date, Mapping[str, float | None]],
    *,
    targets: Sequence[str] = ("bloating",),
    doses: Sequence[ChallengeDose] = THREE_DOSES,
    confounders: Mapping[date, set[Confounder]] | None = None,
    today: date | None = None,
) -> Verdict:
    return suggest_verdict(
        day1=DAY1,
        targets=targets,
        doses=doses,
        washout_days=3,
        scores=scores,
        confounders=confounders,
        today=today,
        names={"bloating": "Bloating", "abdominal_pain": "Abdominal pain"},
    )


def test_no_rise_is_tolerated_with_the_numbers_behind_it() -> None:
    v = verdict(history(2, 1, 3, 2, 3, 3, 2, 2, 2, 2))
    assert v.outcome is ChallengeOutcome.TOLERATED
    assert v.tolerated_dose is Dose.LARGE and v.reacted_dose is None and v.rise_day is None
    (course,) = v.symptoms
    assert course.baseline == 2.0 and course.baseline_days == 3
    assert course.rise_level == 3.5  # 2 + max(1.5, min(2, 30% of 2))
    assert (course.peak, course.peak_day, course.peak_rise) == (3.0, 2, 1.0)
    assert course.scores == (2, 3, 3, 2, 2, 2)  # days 1-6: doses, then the washout
    assert v.confounders == () and v.deciding_confounders == ()
    assert "bloating 2.0" in v.sentence and "tolerated, up to the large dose" in v.sentence


def test_a_two_point_rise_after_the_first_dose_is_not_tolerated() -> None:
    # Usual bloating 2; 4 on day 2 (the day after the small dose), back to 2 in the washout.
    v = verdict(history(2, 2, 2, 2, 4, 3, 3, 2, 2))
    assert v.outcome is ChallengeOutcome.NOT_TOLERATED
    assert v.rise_day == 2 and v.reacted_dose is Dose.SMALL and v.tolerated_dose is None
    assert v.settled is True
    (course,) = v.symptoms
    assert (course.baseline, course.peak, course.peak_rise, course.peak_day) == (2.0, 4.0, 2.0, 2)
    assert "from its usual 2.0 to 4.0 on day 2, +2.0 points, after the small dose" in v.sentence
    assert "settled during the washout" in v.sentence


def test_a_rise_just_short_of_two_points_on_a_low_baseline_is_not_a_rise() -> None:
    # 30% of 2 is 0.6 points: too small to count, so the floor of 1.5 points applies (3.4 < 3.5).
    assert verdict(history(2, 2, 2, 3.4, 3.4, 3.4, 3.4, 2, 2)).outcome is ChallengeOutcome.TOLERATED
    assert verdict(history(2, 2, 2, 3.5, 2, 2, 2, 2, 2)).outcome is ChallengeOutcome.NOT_TOLERATED


@pytest.mark.parametrize(
    ("score", "expected"), [(7.9, ChallengeOutcome.NOT_TOLERATED), (7.7, ChallengeOutcome.TOLERATED)]
)
def test_a_thirty_percent_rise_counts_when_it_is_less_than_two_points(score: float, expected: ChallengeOutcome) -> None:
    # Usual bloating 6: 30% is 1.8 points, so 7.9 (+1.9) is a rise although it is under 2 points; 7.7 (+1.7) is not.
    assert rise_level(6.0) == pytest.approx(7.8)
    v = verdict(history(6, 6, 6, 6, score, 6, 6, 6, 6))
    assert v.outcome is expected
    assert v.symptoms[0].peak_rise == pytest.approx(score - 6)


def test_a_rise_after_a_larger_dose_is_tolerated_up_to_the_dose_before() -> None:
    medium = verdict(history(2, 2, 2, 2, 2, 5, 3, 2, 2))  # rise on day 3, after day 2's medium dose
    assert medium.outcome is ChallengeOutcome.TOLERATED_UP_TO_DOSE
    assert (medium.rise_day, medium.reacted_dose, medium.tolerated_dose) == (3, Dose.MEDIUM, Dose.SMALL)
    assert "Suggested: tolerated up to the small dose" in medium.sentence

    large = verdict(history(2, 2, 2, 2, 2, 2, 5, 2, 2))  # rise on day 4, the day after the large dose
    assert large.outcome is ChallengeOutcome.TOLERATED_UP_TO_DOSE
    assert (large.rise_day, large.reacted_dose, large.tolerated_dose) == (4, Dose.LARGE, Dose.MEDIUM)
    assert "day 4 (the day after the last dose)" in large.sentence


def test_a_rise_on_day_one_is_put_down_to_the_first_dose() -> None:
    v = verdict(history(2, 2, 2, 5, 2, 2, 2, 2, 2))
    assert v.outcome is ChallengeOutcome.NOT_TOLERATED and v.reacted_dose is Dose.SMALL


def test_any_target_symptom_can_rise_and_the_first_rise_decides() -> None:
    scores = history(2, 2, 2, 2, 2, 2, 2, 2, 2)
    for day, value in ((-2, 1), (-1, 1), (0, 1), (1, 1), (2, 1), (3, 4), (4, 1), (5, 1), (6, 1)):
        scores[on(day)]["abdominal_pain"] = value
    v = verdict(scores, targets=("bloating", "abdominal_pain"))
    assert v.outcome is ChallengeOutcome.TOLERATED_UP_TO_DOSE and v.tolerated_dose is Dose.SMALL
    assert [c.rise_day for c in v.symptoms] == [None, 3]
    assert v.sentence.startswith("Abdominal pain rose from its usual 1.0 to 4.0 on day 3")


def test_a_rise_on_a_day_with_a_confounder_is_inconclusive() -> None:
    rise = history(2, 2, 2, 2, 5, 2, 2, 2, 2)
    ill = verdict(rise, confounders={on(2): {Confounder.ILLNESS}})
    assert ill.outcome is ChallengeOutcome.INCONCLUSIVE
    assert ill.deciding_confounders == (Confounder.ILLNESS,)
    assert ill.confounders == ((2, Confounder.ILLNESS),)
    assert ill.reacted_dose is Dose.SMALL  # the numbers behind it are still there
    assert "but illness was noted (day 2), which can raise symptoms by itself" in ill.sentence

    period = verdict(rise, confounders={on(1): {Confounder.PERIOD}})
    assert period.outcome is ChallengeOutcome.INCONCLUSIVE and period.deciding_confounders == (Confounder.PERIOD,)

    # After the rise day it no longer matters: the rise came first.
    later = verdict(rise, confounders={on(4): {Confounder.ILLNESS}})
    assert later.outcome is ChallengeOutcome.NOT_TOLERATED and later.confounders == ()


def test_confounders_that_could_hide_a_rise_make_no_rise_inconclusive() -> None:
    calm = history(2, 2, 2, 2, 2, 2, 2, 2, 2)
    # A period on a baseline day raises the baseline, which could hide a rise.
    baseline_period = verdict(calm, confounders={on(0): {Confounder.PERIOD}})
    assert baseline_period.outcome is ChallengeOutcome.INCONCLUSIVE
    assert baseline_period.confounders == ((0, Confounder.PERIOD),)
    assert "a period was noted around the challenge, which can hide a rise" in baseline_period.sentence
    # A new medicine during the doses could hide one too.
    medicine = verdict(calm, confounders={on(2): {Confounder.NEW_MEDICINE}})
    assert medicine.outcome is ChallengeOutcome.INCONCLUSIVE
    # High stress on a dose day can only add symptoms: no rise despite it still reads as tolerated.
    stress = verdict(calm, confounders={on(2): {Confounder.HIGH_STRESS}})
    assert stress.outcome is ChallengeOutcome.TOLERATED
    assert stress.confounders == ((2, Confounder.HIGH_STRESS),)


def test_missing_scores_are_missed_logs() -> None:
    thin_baseline = verdict(history(None, None, 2, 2, 2, 2, 2, 2, 2))
    assert thin_baseline.outcome is ChallengeOutcome.INCONCLUSIVE
    assert thin_baseline.symptoms[0].baseline is None and thin_baseline.symptoms[0].baseline_days == 1
    assert thin_baseline.deciding_confounders == (Confounder.MISSED_LOGS,)
    assert {d for d, _ in thin_baseline.confounders} == {-2, -1}
    # Two baseline days are enough.
    assert verdict(history(None, 2, 2, 2, 2, 2, 2, 2, 2)).outcome is ChallengeOutcome.TOLERATED

    gap = verdict(history(2, 2, 2, 2, None, 2, 2, 2, 2))
    assert gap.outcome is ChallengeOutcome.INCONCLUSIVE and gap.confounders == ((2, Confounder.MISSED_LOGS),)
    assert "scores are missing" in gap.sentence
    # A gap before a rise matters only when it could move the blame to an earlier dose.
    blame_moves = verdict(history(2, 2, 2, 2, None, 5, 2, 2, 2))  # day 2 unknown, rise on day 3
    assert blame_moves.outcome is ChallengeOutcome.INCONCLUSIVE
    same_blame = verdict(history(2, 2, 2, None, 5, 2, 2, 2, 2))  # day 1 unknown, rise on day 2: dose 1 either way
    assert same_blame.outcome is ChallengeOutcome.NOT_TOLERATED


def test_a_rise_that_does_not_settle_in_the_washout_is_inconclusive() -> None:
    v = verdict(history(2, 2, 2, 2, 5, 5, 5, 5, 5))
    assert v.outcome is ChallengeOutcome.INCONCLUSIVE
    assert v.settled is False and v.deciding_confounders == ()
    assert "had not settled by the end of the washout" in v.sentence


def test_pending_while_the_days_looked_at_are_still_to_come() -> None:
    so_far = history(2, 2, 2, 2, 2)  # baseline and day 1-2 logged
    two_doses = THREE_DOSES[:2]
    pending = verdict(so_far, doses=two_doses, today=on(2))
    assert pending.outcome is ChallengeOutcome.PENDING
    assert pending.sentence.startswith("No suggestion yet")
    # A rise already seen is reported at once (the person stops the doses), its settling still to be seen.
    early = verdict(history(2, 2, 2, 2, 5), doses=two_doses, today=on(2))
    assert early.outcome is ChallengeOutcome.NOT_TOLERATED and early.settled is None
    assert "still to be seen" in early.sentence
    # Stopped after two doses, with the day after logged: tolerated up to the medium dose.
    stopped = verdict(history(2, 2, 2, 2, 2, 2, 2, 2), doses=two_doses, today=on(6))
    assert stopped.outcome is ChallengeOutcome.TOLERATED_UP_TO_DOSE and stopped.tolerated_dose is Dose.MEDIUM
    assert "larger doses were not tried" in stopped.sentence


def test_verdict_for_a_recorded_challenge() -> None:
    challenge = ChallengeEntry(
        occurred_at=datetime(2026, 3, 10, 8, tzinfo=timezone(timedelta(hours=1))),
        food="Milk",
        target_symptoms=("bloating",),
        doses=THREE_DOSES,
        washout_days=3,
    )
    v = verdict_for(challenge, history(2, 2, 2, 2, 2, 5, 2, 2, 2))
    assert v.outcome is ChallengeOutcome.TOLERATED_UP_TO_DOSE and v.tolerated_dose is Dose.SMALL


def test_day_confounders_from_what_was_logged() -> None:
    assert day_confounders() == frozenset()
    assert day_confounders(stress=6, sleep_hours=5.0) == frozenset()
    assert day_confounders(stress=7, sleep_hours=4.9) == {Confounder.HIGH_STRESS, Confounder.SHORT_SLEEP}
    assert day_confounders(illness=True, period=True, new_medicine=True) == {
        Confounder.ILLNESS,
        Confounder.PERIOD,
        Confounder.NEW_MEDICINE,
    }
    assert day_confounders(stress=7, high_stress=8) == frozenset()


def test_foods_that_brought_hives_swelling_or_breathing_trouble_are_refused() -> None:
    for reactions in ([Reaction.HIVES], ["swelling"], ["breathing_trouble", "bloating"]):
        refused = may_challenge("Peanut butter", reactions)
        assert not refused.allowed
        assert refused.sentence.startswith("Peanut butter once came with")
        assert "don't test this food yourself" in refused.sentence
    both = may_challenge("Prawns", [Reaction.SWELLING, Reaction.HIVES, Reaction.BREATHING_TROUBLE])
    assert both.reactions == frozenset(Reaction)
    assert "hives, swelling and trouble breathing" in both.sentence

    allowed = may_challenge("Milk", ["bloating", "diarrhoea"])
    assert allowed.allowed and allowed.reactions == frozenset()
    assert may_challenge("Milk", []).allowed


def test_reactions_logged_in_the_journal_refuse_the_food_by_name() -> None:
    def logged(food: str, *reactions: Reaction, days_ago: int = 100) -> ContextEntry:
        when = datetime(2026, 6, 1, 20, tzinfo=UTC) - timedelta(days=days_ago)
        return ContextEntry(occurred_at=when, reaction_food=food, reactions=frozenset(reactions))

    history = [
        logged("Peanut butter on toast", Reaction.HIVES, days_ago=300),
        logged("prawns", Reaction.SWELLING, Reaction.BREATHING_TROUBLE),
        logged("oat milk", Reaction.HIVES),
    ]
    assert [e.reaction_food for e in recorded_reactions("peanuts", history)] == ["Peanut butter on toast"]
    assert [e.reaction_food for e in recorded_reactions("Prawn", history)] == ["prawns"]
    assert [e.reaction_food for e in recorded_reactions("milk", history)] == ["oat milk"]  # the safe side
    assert recorded_reactions("garlic", history) == [] and recorded_reactions("  ", history) == []

    refused = may_challenge("Prawns", [], recorded_reactions("Prawns", history))
    assert not refused.allowed and refused.reactions == {Reaction.SWELLING, Reaction.BREATHING_TROUBLE}
    assert "Your journal has swelling and trouble breathing after prawns on 21 Feb 2026" in refused.sentence
    assert may_challenge("Garlic", [], recorded_reactions("Garlic", history)).allowed


def test_every_sentence_ends_with_who_decides_and_never_names_a_cause() -> None:
    cases = [
        history(2, 2, 2, 2, 2, 2, 2, 2, 2),
        history(2, 2, 2, 2, 4, 2, 2, 2, 2),
        history(2, 2, 2, 2, 2, 5, 2, 2, 2),
        history(2, 2, 2, 2, 5, 5, 5, 5, 5),
        history(2, None, None, 2, 2, 2, 2, 2, 2),
    ]
    for scores in cases:
        text = verdict(scores, confounders={on(0): {Confounder.ILLNESS}}).sentence
        assert text.endswith("You, or your dietitian, make the final call.")
        assert "cause" not in text.lower() and "intoleran" not in text.lower()


def test_scores_and_confounders_from_a_real_journal(tmp_path: Path) -> None:
    """The wizard's path: what the person logged -> challenge_inputs -> the verdict."""
    tz = timezone(timedelta(hours=1))

    def at(day: int, hour: int) -> datetime:
        moment = on(day)
        return datetime(moment.year, moment.month, moment.day, hour, tzinfo=tz)

    challenge = ChallengeEntry(
        occurred_at=at(1, 8),
        food="Milk",
        target_symptoms=("bloating", "abdominal_pain"),
        doses=THREE_DOSES,
        washout_days=3,
    )
    entries: list[AnyEntry] = [challenge]
    for day in range(-2, 7):
        bloating = {2: (4, 6)}.get(day, (2,))  # two ratings on day 2: a mean of 5
        entries += [
            SymptomEntry(occurred_at=at(day, 12 + i), symptom="bloating", severity=v) for i, v in enumerate(bloating)
        ]
        entries.append(SymptomEntry(occurred_at=at(day, 20), symptom="abdominal_pain", severity=1))
        entries.append(PainEntry(occurred_at=at(day, 20), intensity=4))  # pain is not a target: not read
        entries.append(StressEntry(occurred_at=at(day, 21), level=8 if day == -1 else 3))
        entries.append(SleepEntry(occurred_at=at(day, 7), hours=4.5 if day == 5 else 7.5))
    entries += [
        ContextEntry(occurred_at=at(-20, 21), medication="Ibuprofen 200 mg"),  # the usual one, before the baseline
        ContextEntry(occurred_at=at(1, 21), medication="ibuprofen 400 mg"),  # not new
        ContextEntry(occurred_at=at(4, 21), period=True, medication="Loperamide 2 mg"),  # new, after the rise
    ]
    store = open_store(tmp_path / "d")
    try:
        store.entries.add_many(entries)
        start, end = challenge_window(DAY1, 3)
        assert (start, end) == (on(-32), on(6))
        m = store.entries.measurements(start=start, end=end, context=True)
    finally:
        store.close()

    scores, confounders = challenge_inputs(m, day1=DAY1, targets=("bloating", "abdominal_pain"), washout_days=3)
    assert sorted(scores) == [on(d) for d in range(-2, 7)]
    assert scores[on(2)] == {"bloating": 5.0, "abdominal_pain": 1.0}
    assert confounders == {
        on(-1): {Confounder.HIGH_STRESS},
        on(4): {Confounder.PERIOD, Confounder.NEW_MEDICINE},
        on(5): {Confounder.SHORT_SLEEP},
    }
    v = verdict_for(challenge, scores, confounders)
    # The rise on day 2 came before the period and the new medicine; the stressful baseline day cannot make a
    # rise appear, so the rise stands.
    assert v.outcome is ChallengeOutcome.NOT_TOLERATED and v.rise_day == 2 and v.settled is True
    assert v.confounders == ((-1, Confounder.HIGH_STRESS),)  # two days before day 1
