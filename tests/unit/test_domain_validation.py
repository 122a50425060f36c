"""Every validation rule, checked by the field a person would see named in the message. No storage, no Qt."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gutpain_desktop.domain.entries import (
    BowelEntry,
    ChallengeDose,
    ChallengeEntry,
    ContextEntry,
    DietPhase,
    DietPhaseEntry,
    DietProtocol,
    Dose,
    Entry,
    FoodItem,
    MealEntry,
    MealType,
    PainEntry,
    SleepEntry,
    StressEntry,
    SymptomEntry,
    WeeklyCheckinEntry,
)
from gutpain_desktop.domain.scales import BodySite, Region
from gutpain_desktop.domain.validation import (
    MAX_NOTE_LENGTH,
    ValidationError,
    category_key,
    parse_float,
    parse_int,
    validate,
)

PLUS_TWO = timezone(timedelta(hours=2))
TODAY = date(2024, 5, 10)
WHEN = datetime(2024, 5, 10, 8, 30, tzinfo=PLUS_TWO)
CATEGORIES = {"gluten": "Gluten", "dairy": "Dairy"}
SYMPTOMS = {"bloating": "Bloating", "fatigue": "Fatigue", "brain_fog": "Brain fog", "nausea": "Nausea"}


def problems(entry: Entry, **kwargs: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate(entry, today=TODAY, **kwargs)  # type: ignore[arg-type]
    return caught.value


def accepted(entry: Entry, **kwargs: object) -> None:
    validate(entry, today=TODAY, **kwargs)  # type: ignore[arg-type]


def meal(*foods: FoodItem) -> MealEntry:
    return MealEntry(occurred_at=WHEN, meal_type=MealType.LUNCH, foods=foods)


def challenge(*targets: str, **kwargs: object) -> ChallengeEntry:
    fields: dict[str, object] = {"food": "Milk", **kwargs}
    return ChallengeEntry(occurred_at=WHEN, target_symptoms=targets, **fields)  # type: ignore[arg-type]


# --- scores ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("intensity", [-1, 11, 100])
def test_pain_outside_0_to_10_is_refused_naming_pain(intensity: int) -> None:
    error = problems(PainEntry(occurred_at=WHEN, intensity=intensity))
    assert error.fields == ("pain",)
    assert "0 to 10" in str(error) and str(intensity) in str(error)


@pytest.mark.parametrize("intensity", [0, 5, 10])
def test_pain_inside_0_to_10_is_accepted(intensity: int) -> None:
    accepted(PainEntry(occurred_at=WHEN, intensity=intensity))


def test_a_yes_no_is_not_a_pain_score() -> None:
    assert problems(PainEntry(occurred_at=WHEN, intensity=True)).fields == ("pain",)


def test_pain_site_must_be_one_of_the_19() -> None:
    error = problems(PainEntry(occurred_at=WHEN, intensity=3, sites=frozenset({"elbow"})))  # type: ignore[arg-type]
    assert error.fields == ("body sites",)
    assert "elbow" in str(error)


@pytest.mark.parametrize("bristol", [0, 8])
def test_bristol_outside_1_to_7_is_refused(bristol: int) -> None:
    error = problems(BowelEntry(occurred_at=WHEN, bristol=bristol))
    assert error.fields == ("Bristol type",)
    assert "1 to 7" in str(error)


@pytest.mark.parametrize("bristol", [1, 4, 7])
def test_bristol_1_to_7_is_accepted(bristol: int) -> None:
    accepted(BowelEntry(occurred_at=WHEN, bristol=bristol, blood=True))


def test_symptom_severity_and_unknown_symptom() -> None:
    assert problems(SymptomEntry(occurred_at=WHEN, symptom="bloating", severity=11), symptoms=SYMPTOMS).fields == (
        "severity",
    )
    error = problems(SymptomEntry(occurred_at=WHEN, symptom="hiccups", severity=3), symptoms=SYMPTOMS)
    assert error.fields == ("symptom",)
    assert "not in your list" in str(error)
    accepted(SymptomEntry(occurred_at=WHEN, symptom="bloating", severity=3), symptoms=SYMPTOMS)


@given(st.integers().filter(lambda n: not 0 <= n <= 10))
def test_any_stress_outside_0_to_10_is_refused(level: int) -> None:
    with pytest.raises(ValidationError) as caught:
        validate(StressEntry(occurred_at=WHEN, level=level), today=TODAY)
    assert caught.value.fields == ("stress",)


@given(st.integers(min_value=0, max_value=10))
def test_any_stress_inside_0_to_10_is_accepted(level: int) -> None:
    validate(StressEntry(occurred_at=WHEN, level=level), today=TODAY)


# --- time ------------------------------------------------------------------------------------------------------


def test_an_entry_dated_tomorrow_is_refused_naming_the_date() -> None:
    error = problems(StressEntry(occurred_at=WHEN + timedelta(days=1), level=3))
    assert error.fields == ("date",)
    assert "2024-05-11" in str(error) and "future" in str(error)


def test_entries_today_and_in_the_past_are_accepted() -> None:
    accepted(StressEntry(occurred_at=datetime(2024, 5, 10, 23, 59, tzinfo=PLUS_TWO), level=3))
    accepted(StressEntry(occurred_at=datetime(1999, 1, 1, tzinfo=PLUS_TWO), level=3))


def test_a_time_without_utc_offset_is_refused() -> None:
    error = problems(StressEntry(occurred_at=WHEN.replace(tzinfo=None), level=3))
    assert error.fields == ("time",)
    assert "UTC offset" in str(error)


def test_every_problem_is_named_at_once() -> None:
    error = problems(PainEntry(occurred_at=WHEN + timedelta(days=2), intensity=12, note="x" * (MAX_NOTE_LENGTH + 1)))
    assert set(error.fields) == {"date", "pain", "note"}
    assert isinstance(error, ValueError)


# --- meals and the catalog ------------------------------------------------------------------------------------


def test_a_meal_with_no_foods_is_refused_naming_foods() -> None:
    error = problems(meal())
    assert error.fields == ("foods",)


def test_a_blank_food_line_is_refused_naming_its_position() -> None:
    error = problems(meal(FoodItem("Rice"), FoodItem("   ")))
    assert error.fields == ("food 2",)
    assert "required" in str(error)


def test_an_unknown_category_is_refused_when_the_catalog_is_given() -> None:
    food = FoodItem("Espresso", ("caffeine",))
    error = problems(meal(food), categories=CATEGORIES)
    assert error.fields == ("food 1 category",)
    assert "'caffeine' is not in your list" in str(error)
    accepted(meal(food))  # without a catalog only the key's form is checked
    accepted(meal(FoodItem("Toast", ("gluten", "dairy"))), categories=CATEGORIES)


def test_a_category_key_must_look_like_a_key_even_without_a_catalog() -> None:
    assert problems(meal(FoodItem("Toast", ("Not A Key",)))).fields == ("food 1 category",)


def test_category_key_from_a_typed_name() -> None:
    assert category_key("Caffeine & tea") == "caffeine_tea"
    assert category_key("  FODMAP: fructans ") == "fodmap_fructans"


# --- sleep -----------------------------------------------------------------------------------------------------


def night(bed: datetime | None, wake: datetime | None, **kwargs: object) -> SleepEntry:
    return SleepEntry(occurred_at=WHEN, bed_time=bed, wake_time=wake, **kwargs)  # type: ignore[arg-type]


BED = datetime(2024, 5, 9, 23, 0, tzinfo=PLUS_TWO)
WAKE = datetime(2024, 5, 10, 7, 0, tzinfo=PLUS_TWO)


def test_waking_before_going_to_bed_is_refused_naming_woke_up() -> None:
    error = problems(night(WAKE, BED))
    assert error.fields == ("woke up",)
    assert "after going to bed" in str(error)
    assert problems(night(BED, BED)).fields == ("woke up",)


def test_a_night_longer_than_a_day_is_refused() -> None:
    assert problems(night(BED, BED + timedelta(hours=25))).fields == ("woke up",)


def test_sleep_times_without_offset_are_refused_not_crashing() -> None:
    error = problems(night(BED.replace(tzinfo=None), WAKE))
    assert error.fields == ("went to bed",)
    error = problems(night(BED, WAKE.replace(tzinfo=None)))
    assert error.fields == ("woke up",)


def test_a_night_needs_something_recorded() -> None:
    assert problems(night(None, None)).fields == ("sleep",)
    accepted(night(None, None, quality=6))
    accepted(night(None, None, hours=7.5))
    accepted(night(None, None, refreshed=False))
    accepted(night(BED, WAKE))


def test_sleep_numbers_out_of_range() -> None:
    assert problems(night(BED, WAKE, quality=11)).fields == ("sleep quality",)
    assert problems(night(BED, WAKE, minutes_to_sleep=-5)).fields == ("minutes to fall asleep",)
    assert problems(night(BED, WAKE, awakenings=101)).fields == ("awakenings",)
    assert problems(night(None, None, hours=25.0)).fields == ("hours slept",)


def test_total_hours_is_derived_from_the_times_less_time_to_fall_asleep() -> None:
    assert night(BED, WAKE).total_hours == 8.0
    assert night(BED, WAKE, minutes_to_sleep=30).total_hours == 7.5
    assert night(BED, WAKE, minutes_to_sleep=20).total_hours == pytest.approx(7.67, abs=0.01)
    assert night(BED, WAKE, hours=6.0).total_hours == 6.0  # typed hours win
    assert night(BED, None).total_hours is None
    assert night(None, None, quality=5).total_hours is None


def test_total_hours_across_a_clock_change_counts_real_time() -> None:
    # Clocks go forward an hour at night: 23:00 (+01:00) to 07:00 (+02:00) is 7 hours of real time.
    bed = datetime(2024, 3, 30, 23, 0, tzinfo=timezone(timedelta(hours=1)))
    wake = datetime(2024, 3, 31, 7, 0, tzinfo=PLUS_TWO)
    assert night(bed, wake).total_hours == 7.0


# --- diet phase and challenge ---------------------------------------------------------------------------------


def test_diet_phase_dates_before_the_start_are_refused() -> None:
    def phase(**kwargs: object) -> DietPhaseEntry:
        return DietPhaseEntry(
            occurred_at=WHEN,
            protocol=DietProtocol.LOW_FODMAP,
            phase=DietPhase.ELIMINATION,
            **kwargs,  # type: ignore[arg-type]
        )

    assert problems(phase(planned_end=date(2024, 5, 1))).fields == ("planned end",)
    assert problems(phase(ended=date(2024, 5, 9))).fields == ("end",)
    assert problems(phase(eliminated=("wheat", " "))).fields == ("eliminated",)
    accepted(phase(planned_end=date(2024, 6, 10), eliminated=("wheat", "onion")))


@pytest.mark.parametrize("targets", [(), ("bloating", "fatigue", "brain_fog", "nausea")])
def test_a_challenge_needs_1_to_3_target_symptoms(targets: tuple[str, ...]) -> None:
    error = problems(challenge(*targets), symptoms=SYMPTOMS)
    assert error.fields == ("target symptoms",)
    assert "1 to 3" in str(error)


def test_a_challenge_with_1_or_3_targets_is_accepted() -> None:
    accepted(challenge("bloating"), symptoms=SYMPTOMS)
    accepted(challenge("bloating", "fatigue", "nausea"), symptoms=SYMPTOMS)


def test_a_challenge_target_twice_or_unknown_is_refused() -> None:
    assert "chosen twice" in str(problems(challenge("bloating", "bloating"), symptoms=SYMPTOMS))
    assert problems(challenge("gluten"), symptoms=SYMPTOMS).fields == ("target symptoms",)


def test_challenge_doses_and_washout() -> None:
    doses = (ChallengeDose(1, Dose.SMALL), ChallengeDose(4, Dose.LARGE))
    assert problems(challenge("bloating", doses=doses)).fields == ("doses",)
    twice = (ChallengeDose(1, Dose.SMALL), ChallengeDose(1, Dose.MEDIUM))
    assert problems(challenge("bloating", doses=twice)).fields == ("doses",)
    assert problems(challenge("bloating", washout_days=15)).fields == ("washout days",)
    assert problems(challenge("bloating", food=" ")).fields == ("food",)
    three = tuple(ChallengeDose(d, s) for d, s in ((1, Dose.SMALL), (2, Dose.MEDIUM), (3, Dose.LARGE)))
    accepted(challenge("bloating", doses=three, washout_days=0))


# --- weekly check-in ------------------------------------------------------------------------------------------


def test_weekly_checkin_derives_wpi_sss_and_fs() -> None:
    checkin = WeeklyCheckinEntry(
        occurred_at=WHEN,
        sites=frozenset({BodySite.NECK, BodySite.LOWER_BACK, BodySite.HIP_L, BodySite.SHOULDER_R}),
        fatigue=3,
        unrefreshed=2,
        cognitive=1,
        headaches=True,
        lower_abdominal_pain=False,
        depression=True,
    )
    assert (checkin.wpi, checkin.sss, checkin.fs) == (4, 8, 12)
    assert checkin.regions_with_pain == {Region.AXIAL, Region.LEFT_LOWER, Region.RIGHT_UPPER}
    accepted(checkin)


def test_all_sites_and_items_give_the_scale_maxima() -> None:
    checkin = WeeklyCheckinEntry(
        occurred_at=WHEN,
        sites=frozenset(BodySite),
        fatigue=3,
        unrefreshed=3,
        cognitive=3,
        headaches=True,
        lower_abdominal_pain=True,
        depression=True,
    )
    assert (checkin.wpi, checkin.sss, checkin.fs) == (19, 12, 31)
    assert checkin.regions_with_pain == set(Region)


def test_jaw_chest_and_abdomen_count_in_wpi_but_not_toward_generalized_pain() -> None:
    sites = frozenset({BodySite.JAW_L, BodySite.JAW_R, BodySite.CHEST, BodySite.ABDOMEN})
    checkin = WeeklyCheckinEntry(occurred_at=WHEN, sites=sites)
    assert checkin.wpi == 4
    assert checkin.regions_with_pain == frozenset()


@pytest.mark.parametrize("item", ["fatigue", "unrefreshed", "cognitive"])
def test_sss_items_run_0_to_3(item: str) -> None:
    error = problems(WeeklyCheckinEntry(occurred_at=WHEN, **{item: 4}))  # type: ignore[arg-type]
    assert error.fields == (item,)
    assert "0 to 3" in str(error)


def test_weekly_checkin_site_must_be_one_of_the_19() -> None:
    error = problems(WeeklyCheckinEntry(occurred_at=WHEN, sites=frozenset({"neck"})))  # type: ignore[arg-type]
    assert error.fields == ("body sites",)


def test_context_medication_length() -> None:
    assert problems(ContextEntry(occurred_at=WHEN, medication="x" * 1001)).fields == ("medication",)
    accepted(ContextEntry(occurred_at=WHEN, medication="ibuprofen 400 mg", fever=True))


# --- typed text ------------------------------------------------------------------------------------------------


def test_parse_int_explains_a_word_where_a_number_belongs() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_int("abc", "pain", 0, 10)
    assert caught.value.fields == ("pain",)
    message = str(caught.value)
    assert "pain" in message and "whole number" in message and "abc" in message


def test_parse_int_range_blank_and_spaces() -> None:
    assert parse_int(" 7 ", "pain", 0, 10) == 7
    with pytest.raises(ValidationError, match="pain: must be from 0 to 10, not 11"):
        parse_int("11", "pain", 0, 10)
    with pytest.raises(ValidationError, match="stress: is required"):
        parse_int("  ", "stress", 0, 10)
    assert parse_int("", "stress", 0, 10, required=False) is None
    with pytest.raises(ValidationError, match="whole number"):
        parse_int("7.5", "pain", 0, 10)


def test_parse_float_takes_a_decimal_comma_and_refuses_nan() -> None:
    assert parse_float("7,5", "hours slept", 0, 24) == 7.5
    with pytest.raises(ValidationError) as caught:
        parse_float("nan", "hours slept", 0, 24)
    assert caught.value.fields == ("hours slept",)
    with pytest.raises(ValidationError, match="number from 0 to 24"):
        parse_float("lots", "hours slept", 0, 24)
    assert parse_float("", "hours slept", 0, 24, required=False) is None


def test_a_food_reaction_needs_both_the_food_and_what_happened() -> None:
    from gutpain_desktop.domain.entries import Reaction

    hives = frozenset({Reaction.HIVES})
    assert problems(ContextEntry(occurred_at=WHEN, reactions=hives)).fields == ("reaction food",)
    assert problems(ContextEntry(occurred_at=WHEN, reaction_food="prawns")).fields == ("reactions",)
    assert problems(ContextEntry(occurred_at=WHEN, reaction_food="x" * 201, reactions=hives)).fields == (
        "reaction food",
    )
    assert problems(
        ContextEntry(occurred_at=WHEN, reaction_food="prawns", reactions=frozenset({"sneezing"}))  # type: ignore[arg-type]
    ).fields == ("reactions",)
    accepted(ContextEntry(occurred_at=WHEN, reaction_food="prawns", reactions=hives))
