"""What each value in entries.csv is: the measures of every kind, their units, scale anchors and sources.

One list feeds the export (the unit column), the import (which measures exist, which are text) and the data
dictionary, so the three cannot drift apart. Wording is ours; sources are named beside each scale (shared/DOMAIN.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.entries import EntryKind

NRS_SOURCE = (
    "0-10 numeric rating scale (IMMPACT core outcome: Dworkin et al. 2005, Pain 113:9). A change of about 2 points "
    "or 30% is often treated as important (Farrar et al. 2001, Pain 94:149). Scores follow one person over time."
)
SLEEP_DIARY_SOURCE = "Field of the Consensus Sleep Diary (Carney et al. 2012, Sleep 35:287)"
BRISTOL_SOURCE = "Bristol Stool Form Scale (Lewis & Heaton 1997, Scand J Gastroenterol 32:920), in our own words"
ACR_SOURCE = (
    "ACR 2016 fibromyalgia criteria (Wolfe et al. 2016, Semin Arthritis Rheum 46:319). Numbers only: the "
    "self-report form is not for diagnosing an individual"
)
DIET_SOURCE = (
    "Phases as described by Monash University for the low-FODMAP diet (restriction, reintroduction, personalisation)"
)
CHALLENGE_SOURCE = (
    "Reintroduction challenge: one food over 3 dose days, then washout days (Monash University). The outcome is "
    "the person's or practitioner's decision; the app only suggests one"
)
APP = "Recorded in GutPain Desktop"

NRS_UNIT = "0-10 (0 none, 10 worst imaginable)"
PAIN_UNIT = "0-10 (0 no pain, 10 worst pain imaginable)"
SLEEP_QUALITY_UNIT = "0-10 (0 very poor, 10 excellent)"
YES_NO = "yes/no"
TIME_UNIT = "ISO 8601 date-time with UTC offset"
DATE_UNIT = "date (YYYY-MM-DD)"


@dataclass(frozen=True, slots=True)
class Measure:
    kind: EntryKind
    name: str
    meaning: str
    unit: str
    anchors: str = ""
    direction: str = ""
    recall: str = ""
    source: str = APP
    #: Free text typed by the person (neutralised against spreadsheet formulas on export).
    text: bool = False
    #: What the ``item`` column holds for this measure ("" when it is empty).
    item: str = ""


HIGHER_WORSE = "higher is worse"
HIGHER_BETTER = "higher is better"

MEASURES: tuple[Measure, ...] = (
    # meal
    Measure(EntryKind.MEAL, "meal_type", "Which meal: breakfast, lunch, dinner, snack or drink", "category"),
    Measure(EntryKind.MEAL, "food", "A food or drink eaten, as the person wrote it", "text", text=True,
            item="food number within the meal (1, 2, ...)"),
    Measure(EntryKind.MEAL, "portion", "Portion of that food, as written (optional)", "text", text=True,
            item="food number within the meal"),
    Measure(EntryKind.MEAL, "food_category", "A trigger category the person gave that food (gluten, dairy, "
            "refined_sugar, processed_foods, seed_oils, or their own)", "category key",
            item="food number within the meal"),
    Measure(EntryKind.MEAL, "challenge_id", "The reintroduction challenge this meal belongs to (its entry_id)",
            "UUID"),
    # pain
    Measure(EntryKind.PAIN, "pain_intensity", "Pain intensity", PAIN_UNIT, "0 = no pain, 10 = worst pain imaginable",
            HIGHER_WORSE, "given by pain_recall of the same entry", NRS_SOURCE),
    Measure(EntryKind.PAIN, "pain_recall", "Period the pain rating covers: now, average_24h (average over the last "
            "24 hours) or worst_24h (worst in the last 24 hours)", "category"),
    Measure(EntryKind.PAIN, "body_site", "Where it hurt: one row per site, one of the 19 sites of the Widespread "
            "Pain Index", "site key", source=ACR_SOURCE),
    Measure(EntryKind.PAIN, "pain_kind", "Kind of pain (optional): muscle, joint, headache, abdominal, nerve",
            "category"),
    # symptom: the measure is the symptom's key (see symptom_measure below)
    # stress
    Measure(EntryKind.STRESS, "stress_level", "Stress", NRS_UNIT, "0 = none, 10 = worst imaginable", HIGHER_WORSE,
            "now, when recorded", NRS_SOURCE),
    # sleep
    Measure(EntryKind.SLEEP, "bed_time", "Went to bed", TIME_UNIT, source=SLEEP_DIARY_SOURCE),
    Measure(EntryKind.SLEEP, "wake_time", "Final wake-up", TIME_UNIT, source=SLEEP_DIARY_SOURCE),
    Measure(EntryKind.SLEEP, "minutes_to_sleep", "Minutes it took to fall asleep", "minutes",
            source=SLEEP_DIARY_SOURCE),
    Measure(EntryKind.SLEEP, "awakenings", "Times woken during the night", "count", source=SLEEP_DIARY_SOURCE),
    Measure(EntryKind.SLEEP, "sleep_hours", "Hours asleep: as entered, or bed to wake time less the minutes to fall "
            "asleep", "hours", source=SLEEP_DIARY_SOURCE),
    Measure(EntryKind.SLEEP, "sleep_quality", "Sleep quality", SLEEP_QUALITY_UNIT, "0 = very poor, 10 = excellent",
            HIGHER_BETTER + " (note: some fibromyalgia trials use 0 = best)", "the night before",
            "Own 0-10 item; direction stated because trials differ (Cappelleri et al. 2009, HQLO 7:54)"),
    Measure(EntryKind.SLEEP, "woke_refreshed", "Woke up refreshed", YES_NO, recall="that morning",
            source=SLEEP_DIARY_SOURCE),
    # bowel
    Measure(EntryKind.BOWEL, "bristol_type", "Stool form", "Bristol 1-7",
            "1 separate hard lumps; 2 lumpy sausage; 3 sausage with cracks; 4 smooth soft sausage; 5 soft blobs; "
            "6 mushy ragged pieces; 7 watery", "1-2 lean to constipation, 3-4 typical, 5-7 increasingly loose",
            "this bowel movement", BRISTOL_SOURCE),
    Measure(EntryKind.BOWEL, "urgency", "Had to rush", YES_NO),
    Measure(EntryKind.BOWEL, "straining", "Had to strain", YES_NO),
    Measure(EntryKind.BOWEL, "blood_seen", "Blood seen (a reason to see a doctor)", YES_NO),
    Measure(EntryKind.BOWEL, "at_night", "Woke from sleep for it", YES_NO),
    # diet phase
    Measure(EntryKind.DIET_PHASE, "protocol", "Diet protocol: low_fodmap, gluten_free, dairy_free or custom",
            "category", source=DIET_SOURCE),
    Measure(EntryKind.DIET_PHASE, "protocol_name", "The person's own name for the protocol (optional)", "text",
            text=True),
    Measure(EntryKind.DIET_PHASE, "phase", "Phase starting on this entry's date: baseline, elimination, "
            "reintroduction, personalisation, paused or stopped. It lasts until the next phase entry",
            "category", source=DIET_SOURCE),
    Measure(EntryKind.DIET_PHASE, "planned_end", "Planned last day of the phase", DATE_UNIT),
    Measure(EntryKind.DIET_PHASE, "ended", "Day the phase ended", DATE_UNIT),
    Measure(EntryKind.DIET_PHASE, "eliminated", "A food or group left out in this phase", "text", text=True,
            item="number of the item (1, 2, ...)"),
    # challenge
    Measure(EntryKind.CHALLENGE, "challenge_food", "Food or group reintroduced; day 1 is this entry's date", "text",
            text=True, source=CHALLENGE_SOURCE),
    Measure(EntryKind.CHALLENGE, "target_symptom", "A symptom chosen beforehand to watch (1 to 3)", "symptom key",
            item="order chosen (1-3)", source=CHALLENGE_SOURCE),
    Measure(EntryKind.CHALLENGE, "dose_size", "Portion planned or eaten on that dose day: small, medium, large",
            "category", item="dose day (1-3)", source=CHALLENGE_SOURCE),
    Measure(EntryKind.CHALLENGE, "dose_amount", "Amount of that dose, as written (optional)", "text", text=True,
            item="dose day (1-3)"),
    Measure(EntryKind.CHALLENGE, "washout_days", "Days without the food after the last dose", "days",
            source=CHALLENGE_SOURCE),
    Measure(EntryKind.CHALLENGE, "outcome", "Outcome: pending, tolerated, tolerated_up_to_dose, not_tolerated or "
            "inconclusive", "category", source=CHALLENGE_SOURCE),
    Measure(EntryKind.CHALLENGE, "decided_by", "Who decided the outcome: person or practitioner (empty: not yet)",
            "category"),
    # weekly check-in
    Measure(EntryKind.WEEKLY_CHECKIN, "wpi_site", "A site with pain in the past week: one row per site", "site key",
            recall="past week", source=ACR_SOURCE),
    Measure(EntryKind.WEEKLY_CHECKIN, "sss_fatigue", "Tiredness during the day", "0-3",
            "0 no problem, 1 slight or intermittent, 2 moderate, 3 severe", HIGHER_WORSE, "past week", ACR_SOURCE),
    Measure(EntryKind.WEEKLY_CHECKIN, "sss_unrefreshed", "Waking up still tired", "0-3",
            "0 no problem, 1 slight or intermittent, 2 moderate, 3 severe", HIGHER_WORSE, "past week", ACR_SOURCE),
    Measure(EntryKind.WEEKLY_CHECKIN, "sss_cognitive", "Trouble thinking or remembering", "0-3",
            "0 no problem, 1 slight or intermittent, 2 moderate, 3 severe", HIGHER_WORSE, "past week", ACR_SOURCE),
    Measure(EntryKind.WEEKLY_CHECKIN, "sss_headaches", "Headaches", YES_NO, recall="previous 6 months",
            source=ACR_SOURCE),
    Measure(EntryKind.WEEKLY_CHECKIN, "sss_lower_abdominal_pain", "Pain or cramps in the lower belly", YES_NO,
            recall="previous 6 months", source=ACR_SOURCE),
    Measure(EntryKind.WEEKLY_CHECKIN, "sss_depression", "Feeling depressed", YES_NO, recall="previous 6 months",
            source=ACR_SOURCE),
    Measure(EntryKind.WEEKLY_CHECKIN, "wpi", "Widespread Pain Index: number of sites (derived)", "0-19",
            direction=HIGHER_WORSE, recall="past week", source=ACR_SOURCE),
    Measure(EntryKind.WEEKLY_CHECKIN, "sss", "Symptom Severity Scale (derived)", "0-12", direction=HIGHER_WORSE,
            source=ACR_SOURCE),
    Measure(EntryKind.WEEKLY_CHECKIN, "fs", "Fibromyalgia severity = WPI + SSS (derived)", "0-31",
            direction=HIGHER_WORSE, source=ACR_SOURCE),
    # context
    Measure(EntryKind.CONTEXT, "period", "Menstrual period that day", YES_NO),
    Measure(EntryKind.CONTEXT, "illness", "Ill (for example a cold)", YES_NO),
    Measure(EntryKind.CONTEXT, "fever", "Fever", YES_NO),
    Measure(EntryKind.CONTEXT, "alcohol", "Drank alcohol", YES_NO),
    Measure(EntryKind.CONTEXT, "exercise", "Exercised", YES_NO),
    Measure(EntryKind.CONTEXT, "medication", "Medication taken, as written", "text", text=True),
    Measure(EntryKind.CONTEXT, "reaction_food", "Food or meal the person suspects of an allergic-type reaction, as "
            "written", "text", text=True),
    Measure(EntryKind.CONTEXT, "reaction", "What that food brought on (one row each): hives, swelling (lips, face, "
            "tongue or throat) or breathing_trouble", "category"),
)  # fmt: skip

#: (kind, measure name) -> Measure. Symptom ratings are not listed: their measure is the symptom's key.
BY_NAME: dict[tuple[EntryKind, str], Measure] = {(m.kind, m.name): m for m in MEASURES}
#: Measures computed from others: exported for the reader, ignored on import.
DERIVED = frozenset({"wpi", "sss", "fs"})


def symptom_measure(key: str, name: str) -> Measure:
    """The measure of a symptom rating: the measure column holds the symptom's key."""
    return Measure(
        EntryKind.SYMPTOM,
        key,
        f"{name}: how bad it was",
        NRS_UNIT,
        "0 = none, 10 = worst imaginable",
        HIGHER_WORSE,
        "now, when recorded",
        NRS_SOURCE,
    )


def unit_of(kind: EntryKind, measure: str) -> str:
    if kind is EntryKind.SYMPTOM:
        return NRS_UNIT
    return BY_NAME[(kind, measure)].unit
