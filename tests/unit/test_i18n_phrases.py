"""Sentences composed below the UI (gutpain_desktop.i18n.Phrase): str() is the English the CLI, CSV and PDF show, the
UI's translator reaches every nested part, and every template's placeholders are the arguments it is given."""

from __future__ import annotations

import ast
import copy
import pickle
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

import gutpain_desktop
from gutpain_desktop.analysis.challenge_words import day_name, dose_name, permission_phrase
from gutpain_desktop.analysis.insight_types import (
    Comparison,
    Exposure,
    ExposureKind,
    InsightSettings,
    Lag,
    Outcome,
    Overlap,
    Status,
)
from gutpain_desktop.analysis.insight_words import context_sentence, days, overlap_sentence, sentence
from gutpain_desktop.demo.samples import every_kind
from gutpain_desktop.domain.describe import describe, summary_phrase, without_kind
from gutpain_desktop.domain.diet import PHASE_GUIDANCE, DietPlan, DietState, challenge_step
from gutpain_desktop.domain.entries import (
    KIND_LABELS,
    BowelEntry,
    ChallengeDose,
    ChallengeEntry,
    ContextEntry,
    DietPhase,
    DietPhaseEntry,
    DietProtocol,
    Dose,
    Entry,
    EntryKind,
    FoodItem,
    MealEntry,
    MealType,
    PainEntry,
    Reaction,
    SleepEntry,
)
from gutpain_desktop.domain.red_flags import red_flags
from gutpain_desktop.domain.validation import ValidationError, parse_float, parse_int, validate
from gutpain_desktop.i18n import (
    QT_TRANSLATE_NOOP,
    Label,
    Phrase,
    Source,
    When,
    joined,
    listed,
    lower_first,
    placeholders,
)
from gutpain_desktop.storage.errors import write_failure

NOON = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
EXPOSURE = Exposure(ExposureKind.CATEGORY, "dairy", "Dairy", 20)
FOOD = Exposure(ExposureKind.FOOD, "oat latte", "Oat latte", 12)
BLOATING = Outcome("bloating", "Bloating")


def comparison(*, notable: bool = False, enough: bool = True) -> Comparison:
    if not enough:
        return Comparison(
            Status.NOT_ENOUGH_DATA, 6, 30, None, None, None, more_exposed_days_needed=4, more_days_needed=1
        )
    return Comparison(Status.OK, 14, 40, 4.25, 2.5, 1.75, notable=notable)


# --- the Phrase itself -----------------------------------------------------------------------------------------------


def test_str_is_the_english_with_labels_numbers_and_nested_phrases_filled_in() -> None:
    inner = Phrase.of(QT_TRANSLATE_NOOP("Test", "on {day}"), day="Tue 10 Mar")
    said = Phrase.of(
        QT_TRANSLATE_NOOP("Test", "{symptom} averaged {mean:.1f} {when}, {share:.0%} of days"),
        symptom=Label("Bloating"),
        mean=4.25,
        when=inner,
        share=0.5,
    )
    assert str(said) == "Bloating averaged 4.2 on Tue 10 Mar, 50% of days"
    assert str(Phrase.of(QT_TRANSLATE_NOOP("Test", "after {x}"), x=Label("Dairy", lower=True))) == "after dairy"
    assert str(Label("IBS pain", lower=True)) == "IBS pain" and lower_first("FODMAP: GOS") == "FODMAP: GOS"


def test_decimal_numbers_take_the_decimal_point_given_and_nothing_else_changes() -> None:
    inner = Phrase.of(QT_TRANSLATE_NOOP("Test", "{mean:.1f} on {day}"), mean=2.5, day="3.4.")
    said = Phrase.of(
        QT_TRANSLATE_NOOP("Test", "{mean:.1f} ({days} days, {share:.0%}, {diff:+.1f}) {when}"),
        mean=4.25,
        days=1200,
        share=0.5,
        diff=-0.75,
        when=inner,
    )
    assert str(said) == "4.2 (1200 days, 50%, -0.8) 2.5 on 3.4."
    german = said.render(Phrase.english_template, str, ",")
    assert german == "4,2 (1200 days, 50%, -0,8) 2,5 on 3.4."  # words given as text keep their dots


def test_a_counted_phrase_chooses_the_english_form_and_keeps_the_plural_template_for_translators() -> None:
    assert [str(days(n)) for n in (0, 1, 2, 11)] == ["0 days", "1 day", "2 days", "11 days"]
    one = days(1)
    assert one.template == "%n days" and one.count == 1 and one.context == "Insights"


def test_the_translator_reaches_every_nested_template_and_label() -> None:
    said = Phrase.of(
        QT_TRANSLATE_NOOP("Test", "{a} then {b}"),
        a=Label("Dairy", lower=True),
        b=Phrase.of(QT_TRANSLATE_NOOP("Test", "{n} more with {food}"), n=3, food="oat latte"),
    )
    seen: list[tuple[str, str]] = []

    def template(p: Phrase) -> str:
        seen.append((p.context, p.template))
        return "«" + p.template + "»"

    shown = said.render(template, lambda label: "‹" + lower_first(label.text) + "›" if label.lower else label.text)
    assert shown == "«‹dairy› then «3 more with oat latte»»"  # the food the person typed is left as typed
    assert sorted(seen) == [("Test", "{a} then {b}"), ("Test", "{n} more with {food}")]


def test_a_marked_text_keeps_its_context_through_copies_and_pickles_and_still_is_the_text() -> None:
    marked = QT_TRANSLATE_NOOP("Diet", "Stopped.")
    assert marked == "Stopped." and isinstance(marked, str) and {"Stopped.": 1}[marked] == 1
    for again in (copy.copy(marked), copy.deepcopy(marked), pickle.loads(pickle.dumps(marked))):
        assert isinstance(again, Source) and again.context == "Diet" and again == "Stopped."
    assert pickle.loads(pickle.dumps(Phrase.of(marked))) == Phrase.of(marked)


def test_a_date_in_a_sentence_is_english_in_str_and_left_to_the_ui_to_write() -> None:
    day = date(2026, 3, 10)
    assert [str(When(day)), str(When(day, "day_month")), str(When(day, "weekday_day_month"))] == [
        "10 Mar 2026",
        "10 Mar",
        "Tue 10 Mar",
    ]
    said = Phrase.of(QT_TRANSLATE_NOOP("Test", "since {day}"), day=When(day))
    assert said.render(lambda p: p.template, lambda part: "<date>" if isinstance(part, When) else str(part)) == (
        "since <date>"
    )


def test_lists_join_with_translatable_words() -> None:
    assert [str(joined(items)) for items in ([], ["a"], ["a", "b"], ["a", "b", "c"])] == [
        "",
        "a",
        "a and b",
        "a, b and c",
    ]
    assert str(listed(["a", "b", "c"])) == "a, b, c"
    three = joined(["a", "b", "c"])
    assert isinstance(three, Phrase) and {p.context for p in three.walk()} == {"Lists"}


# --- templates and their arguments --------------------------------------------------------------------------------


def _marker(node: ast.expr) -> tuple[str, str, int] | None:
    """(context, template, argument count) of a ``QT_TRANSLATE_NOOP("ctx", "literal", ...)`` call."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "QT_TRANSLATE_NOOP"):
        return None
    if len(node.args) < 2:
        return None
    context, text = node.args[0], node.args[1]
    if not (isinstance(context, ast.Constant) and isinstance(text, ast.Constant)):
        return None
    return str(context.value), str(text.value), len(node.args)


def phrase_calls() -> list[tuple[str, int, str, str, set[str] | None, ast.Call]]:
    """Every ``Phrase.of(...)`` / ``Phrase.counted(...)`` call in the package whose template is written in place:
    (file, line, method, template, keyword names (None when ``**`` passes some), the call)."""
    found = []
    package = Path(gutpain_desktop.__file__).parent
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "Phrase"
                and node.func.attr in ("of", "counted")
            ):
                continue
            position = 0 if node.func.attr == "of" else 1
            marked = _marker(node.args[position]) if len(node.args) > position else None
            if marked is None:
                continue
            names = None if any(k.arg is None for k in node.keywords) else {str(k.arg) for k in node.keywords}
            found.append((path.name, node.lineno, node.func.attr, marked[1], names, node))
    return found


def test_every_written_template_names_exactly_the_arguments_it_is_given() -> None:
    calls = phrase_calls()
    assert len(calls) > 60  # the sentences of insights, diet, red flags, validation, challenges and storage
    wrong = [
        (file, line, template, names)
        for file, line, _, template, names, _ in calls
        if names is not None and placeholders(template) != names
    ]
    assert wrong == []
    assert [(f, line) for f, line, _, _, names, _ in calls if names is None] == []  # no ** hides an argument


def test_every_plural_is_marked_as_one_for_lupdate_and_counts_with_percent_n() -> None:
    counted = [(file, line, call) for file, line, method, _, _, call in phrase_calls() if method == "counted"]
    assert counted
    for file, line, call in counted:
        _context, template, arguments = _marker(call.args[1])  # type: ignore[misc]
        assert arguments == 4, (file, line)  # the fourth argument makes lupdate list every plural form
        assert "%n" in template and isinstance(call.args[2], ast.Constant) and "%n" in call.args[2].value


def _sentences_made_below_the_ui() -> list[Phrase]:
    """Phrases from every module that makes them, through their branches."""
    found: list[Phrase] = []
    settings = InsightSettings()
    for lag in Lag:
        for c in (comparison(), comparison(notable=True), comparison(enough=False)):
            found.append(sentence(EXPOSURE, BLOATING, lag, c))
            found.append(sentence(FOOD, BLOATING, lag, c))
    for first in (comparison(), comparison(notable=True)):
        for second in (comparison(), comparison(notable=True), comparison(enough=False)):
            found.append(context_sentence(first, second, settings))
    found += [overlap_sentence(FOOD, Overlap(EXPOSURE, 0.8, 0.2)), overlap_sentence(FOOD, Overlap(EXPOSURE, 0.1, 0.4))]

    found += list(PHASE_GUIDANCE.values())
    phase = DietPhaseEntry(
        occurred_at=NOON - timedelta(days=60),
        protocol=DietProtocol.LOW_FODMAP,
        phase=DietPhase.ELIMINATION,
        planned_end=date(2026, 2, 1),
        eliminated=("fodmap_lactose",),
    )
    found += [
        DietState(phase, date(2026, 3, 10)).summary_phrase(),
        DietState(phase, date(2026, 1, 12)).summary_phrase(),
    ]
    found += DietPlan(
        DietProtocol.SINGLE_FOOD, (), date(2026, 3, 10), baseline_days=3, elimination_weeks=9
    ).problem_phrases()
    doses = (ChallengeDose(1, Dose.SMALL, "1 slice"), ChallengeDose(2, Dose.MEDIUM))
    challenge = ChallengeEntry(occurred_at=NOON, food="Bread", target_symptoms=("bloating",), doses=doses)
    found += [challenge_step(challenge, NOON.date() + timedelta(days=d)).phrase for d in range(-1, 10)]

    bowel = BowelEntry(occurred_at=NOON, bristol=6, blood=True, at_night=True)
    context = ContextEntry(occurred_at=NOON, fever=True, reactions=frozenset(Reaction), reaction_food="prawns")
    found += [flag.phrase for flag in red_flags([bowel, context], NOON.date())]

    for bad in (
        PainEntry(occurred_at=NOON + timedelta(days=400), intensity=11, note="x" * 10_001),
        MealEntry(occurred_at=NOON.replace(tzinfo=None), meal_type=MealType.LUNCH, foods=()),
        SleepEntry(occurred_at=NOON, bed_time=NOON, wake_time=NOON, hours=30),
        ChallengeEntry(occurred_at=NOON, food="", target_symptoms=("x", "x", "y", "z"), washout_days=20),
        ContextEntry(occurred_at=NOON, reactions=frozenset({Reaction.HIVES})),
    ):
        with pytest.raises(ValidationError) as caught:
            validate(bad, today=NOON.date())
        found += [p.phrase for p in caught.value.problems if isinstance(p.phrase, Phrase)]
    for parse, text in ((parse_int, "x"), (parse_int, "99"), (parse_float, "x"), (parse_float, "99"), (parse_int, "")):
        with pytest.raises(ValidationError) as caught:
            parse(text, "hours", 0, 24)
        found += [p.phrase for p in caught.value.problems if isinstance(p.phrase, Phrase)]

    found += [day_name(d, 3) for d in (-2, 0, 2, 4)] + [dose_name(d) for d in (*Dose, None)]
    last = (frozenset({Reaction.SWELLING}), "prawns", date(2026, 2, 21))
    found += [permission_phrase("Prawns", frozenset(), None), permission_phrase("", frozenset(Reaction), last)]
    found += [write_failure(OSError(28, "No space left on device")), write_failure(RuntimeError("odd"))]
    for entry in (*every_kind(NOON), *_more_entries()):  # the journal's lines, with and without their kind
        for with_kind in (True, False):
            said = summary_phrase(entry, with_kind=with_kind)
            assert isinstance(said, Phrase), entry.kind
            found.append(said)
    return found


def _more_entries() -> list[Entry]:
    """Entries that take the other branches of the journal's lines."""
    return [
        PainEntry(occurred_at=NOON, intensity=3),
        SleepEntry(occurred_at=NOON, hours=7.5, refreshed=True),
        BowelEntry(occurred_at=NOON, bristol=4, straining=True, blood=True),
        ContextEntry(occurred_at=NOON, illness=True, fever=True, alcohol=True),
        ContextEntry(occurred_at=NOON),
        MealEntry(occurred_at=NOON, meal_type=MealType.SNACK, foods=(FoodItem("Apple"),)),
        DietPhaseEntry(occurred_at=NOON, protocol=DietProtocol.CUSTOM, protocol_name="My plan", phase=DietPhase.PAUSED),
    ]


def test_every_sentence_made_below_the_ui_fills_exactly_its_placeholders() -> None:
    made = [part for said in _sentences_made_below_the_ui() for part in said.walk()]
    assert len(made) > 150
    wrong = [
        (p.context, p.template, sorted(n for n, _ in p.args))
        for p in made
        if p.placeholders() != {n for n, _ in p.args}
    ]
    assert wrong == []
    assert {p.context for p in made} >= {
        "Insights", "Diet", "RedFlags", "Validation", "Challenges", "Storage", "Lists", "Summaries"
    }  # fmt: skip


def test_the_english_of_those_sentences_is_what_it_always_was() -> None:
    assert str(sentence(EXPOSURE, BLOATING, Lag.NEXT_DAY, comparison(notable=True))) == (
        "The day after you logged dairy, bloating averaged 4.2, against 2.5 the day after days without it (14 vs 40 "
        "days). That gap stands out from your diary's usual ups and downs, but it is a pattern, not proof: foods eaten "
        "alongside, stress, sleep or chance may be behind it. A reintroduction challenge can test it."
    )
    assert str(sentence(FOOD, BLOATING, Lag.SAME_DAY, comparison(enough=False))) == (
        "Not enough data yet to compare bloating on the same day as oat latte: it needs 4 days more with it and "
        "entries spread over 1 day more."
    )
    assert str(context_sentence(comparison(notable=True), comparison(), InsightSettings())) == (
        "Leaving out days with stress of 7 or more or less than 6 hours of sleep: 4.2 against 2.5 (14 vs 40 days); the "
        "gap no longer stands out."
    )
    phase = DietPhaseEntry(
        occurred_at=NOON - timedelta(days=60),
        protocol=DietProtocol.LOW_FODMAP,
        phase=DietPhase.ELIMINATION,
        planned_end=date(2026, 2, 1),
    )
    assert DietState(phase, date(2026, 3, 10)).summary() == (
        "Low FODMAP: elimination, day 61 (since 09 Jan 2026); usually 14–42 days — longer than usual, worth reviewing; "
        "planned to end 01 Feb 2026, so it may be time to move to reintroduction"
    )
    doses = (ChallengeDose(1, Dose.SMALL, "1 slice"),)
    challenge = ChallengeEntry(
        occurred_at=NOON, food="Bread", target_symptoms=("bloating",), doses=doses, washout_days=3
    )
    assert challenge_step(challenge, NOON.date()).text == "Bread challenge, day 1 of 3: eat a small portion (1 slice)."
    assert challenge_step(challenge, NOON.date() + timedelta(days=1)).text == (
        "Bread challenge, day 2 of 3: eat the planned portion."
    )
    assert challenge_step(challenge, NOON.date() + timedelta(days=3)).text == (
        "Bread challenge, break day 1 of 3: no Bread; keep logging symptoms."
    )
    with pytest.raises(ValidationError) as caught:
        parse_int("eleven", "pain", 0, 10)
    assert str(caught.value) == "pain: must be a whole number from 0 to 10, not 'eleven'"
    assert str(write_failure(OSError(28, "full"))) == (
        "Not saved. The disk that holds your journal is full. Free some space, then save again. Nothing was saved, and "
        "what you typed is still here, so you can try again."
    )


def test_the_journal_line_is_the_stored_english_and_beside_its_kind_leaves_the_kind_out() -> None:
    names = {"bloating": "Bloating", "abdominal_pain": "Abdominal pain", "dairy": "Dairy", "gluten": "Gluten"}
    names["processed_foods"] = "Processed foods"
    start = NOON
    lines = {e.kind: (describe(e, names), str(summary_phrase(e, names, with_kind=False))) for e in every_kind(start)}
    assert lines[EntryKind.SLEEP] == (
        "Sleep: 7.5 h, quality 6/10, woke unrefreshed",
        "7.5 h, quality 6/10, woke unrefreshed",
    )
    assert lines[EntryKind.STRESS] == ("Stress 7/10 — deadline", "7/10 — deadline")
    assert (
        lines[EntryKind.PAIN][1]
        == "6/10 (muscle), average over the last 24 hours at Shoulder girdle, left, Neck, Lower back"
    )
    assert (
        lines[EntryKind.BOWEL] == ("Bristol type 6: Mushy, fluffy pieces with ragged edges (urgent, at night)",) * 2
    )  # the kind ("Bowel movement") is not repeated: the same line
    assert lines[EntryKind.CONTEXT][1].startswith("period, exercise, medication: ibuprofen 400 mg, reaction to prawns")
    assert lines[EntryKind.WEEKLY_CHECKIN][1] == "WPI 4, SSS 8, FS 12"
    assert lines[EntryKind.CHALLENGE][1] == "Garlic (watching Bloating, Abdominal pain) — Tolerated up to a dose"
    for entry in (*every_kind(start), *_more_entries()):
        stored = describe(entry, names)
        assert without_kind(stored, entry.kind) == str(summary_phrase(entry, names, with_kind=False)), stored
        assert not without_kind(stored, entry.kind).startswith(KIND_LABELS[entry.kind])
    # a FODMAP group left out reads as the Diet view writes it (it was "Fodmap lactose")
    phase = DietPhaseEntry(
        occurred_at=NOON,
        protocol=DietProtocol.LOW_FODMAP,
        phase=DietPhase.ELIMINATION,
        eliminated=("fodmap_lactose", "dairy"),
    )
    assert describe(phase, names) == "Low FODMAP: elimination from 2026-03-10, leaving out FODMAP: lactose, Dairy"
    # a line stored with other words (or empty details) is shown as it is
    assert (
        without_kind("Sleep: ", EntryKind.SLEEP) == "Sleep: "
        and without_kind("Lunch: Tea", EntryKind.MEAL) == "Lunch: Tea"
    )
