"""What the person chose to track: stored as text settings, read back whatever the settings hold."""

from __future__ import annotations

from gutpain_desktop.domain.preferences import (
    CHECKIN_SECTIONS,
    HIDDEN_KEY,
    ORDER_KEY,
    Tracker,
    TrackingPreferences,
)
from gutpain_desktop.storage import Store


def test_defaults_show_everything_in_the_usual_order() -> None:
    prefs = TrackingPreferences.from_settings({})
    assert prefs.hidden == frozenset() and prefs.checkin_order == CHECKIN_SECTIONS and not prefs.welcomed
    assert prefs.visible_sections() == CHECKIN_SECTIONS


def test_round_trip_and_unknown_values_are_ignored() -> None:
    prefs = (
        TrackingPreferences()
        .with_shown(Tracker.STRESS, False)
        .with_shown(Tracker.WEEKLY, False)
        .with_order([Tracker.SYMPTOMS, Tracker.PAIN])
        .welcomed_now()
    )
    assert prefs.checkin_order == (Tracker.SYMPTOMS, Tracker.PAIN, Tracker.SITES, Tracker.STRESS, Tracker.SLEEP)
    assert TrackingPreferences.from_settings(prefs.to_settings()) == prefs
    odd = {HIDDEN_KEY: "stress teleport  weekly", ORDER_KEY: "sleep sleep meals nonsense pain"}
    read = TrackingPreferences.from_settings(odd)
    assert read.hidden == {Tracker.STRESS, Tracker.WEEKLY}
    # Only check-in sections, each once; missing ones follow in their usual order.
    assert read.checkin_order == (Tracker.SLEEP, Tracker.PAIN, Tracker.SITES, Tracker.STRESS, Tracker.SYMPTOMS)
    assert read.visible_sections() == (Tracker.SLEEP, Tracker.PAIN, Tracker.SITES, Tracker.SYMPTOMS)


def test_apply_tracking_is_kept_in_the_journal(store: Store) -> None:
    own = store.catalog.add_symptom("Jaw pain", tracked=False)
    prefs = TrackingPreferences().with_shown(Tracker.BOWEL, False).welcomed_now()
    store.catalog.apply_tracking(
        preferences=prefs,
        symptom_order=[own.key, "nausea"],
        tracked={own.key: True, "fatigue": False},
        hidden_categories={"seed_oils": True},
    )
    assert store.catalog.preferences() == prefs
    tracked = [d.key for d in store.catalog.symptoms(tracked_only=True)]
    assert tracked[:1] == ["jaw_pain"] and "fatigue" not in tracked
    assert [d.key for d in store.catalog.symptoms()][:2] == ["jaw_pain", "nausea"]
    assert [c.key for c in store.catalog.categories(include_hidden=False)] == [
        "gluten",
        "dairy",
        "refined_sugar",
        "processed_foods",
    ]
