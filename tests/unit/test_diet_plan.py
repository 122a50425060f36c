"""Starting a diet: what a plan leaves out, for how long, and when the coeliac notice applies."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from gutpain_desktop.domain.diet import (
    FODMAP_GROUPS,
    DietPlan,
    diet_state,
    eliminated_label,
    fodmap_key,
    single_food_protocol,
    touches_gluten,
)
from gutpain_desktop.domain.entries import DietPhase, DietProtocol
from gutpain_desktop.domain.validation import validate

START = date(2026, 3, 2)


def test_a_low_fodmap_plan_with_a_baseline():
    plan = DietPlan(DietProtocol.LOW_FODMAP, tuple(fodmap_key(g) for g in FODMAP_GROUPS), START)
    entry = plan.entry(datetime(2026, 3, 2, 8).astimezone())
    assert entry.phase is DietPhase.BASELINE and entry.planned_end == START + timedelta(days=13)
    assert entry.protocol_name == ""  # the protocol's own label is used
    validate(entry)  # raises when the entry would be refused on save
    assert touches_gluten(plan.eliminated)  # fructans: wheat, rye and barley go too


def test_straight_into_elimination_ends_after_the_chosen_weeks():
    plan = DietPlan(DietProtocol.DAIRY_FREE, ("dairy",), START, with_baseline=False, elimination_weeks=3)
    entry = plan.entry(datetime(2026, 3, 2, 8).astimezone())
    assert entry.phase is DietPhase.ELIMINATION and entry.planned_end == date(2026, 3, 22)
    assert not touches_gluten(plan.eliminated)
    later = diet_state([entry], date(2026, 3, 25))
    assert later is not None and "may be time to move to reintroduction" in later.summary()


@pytest.mark.parametrize(
    ("plan", "problem"),
    [
        (DietPlan(DietProtocol.CUSTOM, (), START), "at least one"),
        (DietPlan(DietProtocol.SINGLE_FOOD, ("eggs", "soy"), START), "exactly one"),
        (DietPlan(DietProtocol.CUSTOM, ("eggs",), START, elimination_weeks=8), "2 to 6 weeks"),
        (DietPlan(DietProtocol.CUSTOM, ("eggs",), START, baseline_days=3), "7 to 28 days"),
    ],
)
def test_plans_that_cannot_start_say_why(plan: DietPlan, problem: str):
    assert any(problem in p for p in plan.problems())
    with pytest.raises(ValueError, match=problem):
        plan.entry(datetime(2026, 3, 2, 8).astimezone())


def test_names_and_labels():
    assert single_food_protocol("gluten") is DietProtocol.GLUTEN_FREE
    assert single_food_protocol("dairy") is DietProtocol.DAIRY_FREE
    assert single_food_protocol("eggs") is DietProtocol.SINGLE_FOOD
    assert DietPlan(DietProtocol.SINGLE_FOOD, ("eggs",), START).display_name() == "Eggs-free trial"
    assert DietPlan(DietProtocol.CUSTOM, ("eggs",), START, name=" Spring ").display_name() == "Spring"
    assert eliminated_label("fodmap_excess_fructose") == "FODMAP: excess fructose"
    assert eliminated_label("seed_oils", {"seed_oils": "Industrial seed oils"}) == "Industrial seed oils"
