"""data_dictionary.csv: what every column of entries.csv and daily_summary.csv means, with units, scale anchors and
their direction, the recall period and the source of each scale; plus the codes used in the value cells (symptom
keys, trigger categories and body sites) with the names the person sees."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..domain.scales import BODY_SITES
from .files import neutralise
from .vocabulary import (
    APP,
    BRISTOL_SOURCE,
    HIGHER_BETTER,
    HIGHER_WORSE,
    MEASURES,
    NRS_SOURCE,
    NRS_UNIT,
    PAIN_UNIT,
    SLEEP_QUALITY_UNIT,
    TIME_UNIT,
    symptom_measure,
)

DICTIONARY_COLUMNS = (
    "file",
    "column",
    "kind",
    "measure",
    "code",
    "label",
    "meaning",
    "unit",
    "scale_anchors",
    "direction",
    "recall_period",
    "source",
)

ENTRY_COLUMN_MEANINGS: tuple[tuple[str, str, str], ...] = (
    ("entry_id", "Identifier of the entry (UUID). All rows of one entry share it; it stays the same on import, so "
     "importing a file twice adds nothing", "UUID"),
    ("kind", "Kind of entry: meal, pain, symptom, stress, sleep, bowel, diet_phase, challenge, weekly_checkin, "
     "context", "category"),
    ("occurred_at", "When it happened, in the person's local time with its offset from UTC", TIME_UNIT),
    ("date", "Local calendar date of occurred_at (sleep is filed under the morning of waking)", "date (YYYY-MM-DD)"),
    ("time", "Local clock time of occurred_at", "time (HH:MM:SS)"),
    ("measure", "What the value is; each measure is described below (for symptom entries: the symptom's key)",
     "name"),
    ("item", "Which one, where an entry holds several: food number in a meal, dose day, order of a target "
     "symptom; empty otherwise", "number"),
    ("value", "The recorded value, in the unit of the next column. Values that were not given have no row", "varies"),
    ("unit", "Unit or scale of the value, with its anchors", "text"),
    ("note", "The person's note on the entry, on the entry's first row only. Text cells starting with = + - @ are "
     "prefixed with an apostrophe so a spreadsheet shows them as text; the importer removes it", "text"),
)  # fmt: skip


def _summary_meanings(symptom_names: Mapping[str, str]) -> dict[str, tuple[str, str, str, str, str, str]]:
    """column -> (meaning, unit, anchors, direction, recall, source) of daily_summary.csv's fixed columns."""
    return {
        "date": ("Local calendar date. Every day of the range has a row; empty cells mean nothing was logged",
                 "date (YYYY-MM-DD)", "", "", "", APP),
        "pain_mean": ("Mean of the day's pain ratings (any recall period)", PAIN_UNIT,
                      "0 = no pain, 10 = worst pain imaginable", HIGHER_WORSE, "as rated in each entry", NRS_SOURCE),
        "pain_worst": ("Highest pain rating of the day", PAIN_UNIT, "0 = no pain, 10 = worst pain imaginable",
                       HIGHER_WORSE, "as rated in each entry", NRS_SOURCE),
        "stress_mean": ("Mean of the day's stress ratings", NRS_UNIT, "0 = none, 10 = worst imaginable",
                        HIGHER_WORSE, "now, when recorded", NRS_SOURCE),
        "sleep_hours": ("Hours asleep in the night that ended this morning", "hours", "", "", "the night before",
                        "Consensus Sleep Diary (Carney et al. 2012, Sleep 35:287)"),
        "sleep_quality": ("Quality of the night that ended this morning", SLEEP_QUALITY_UNIT,
                          "0 = very poor, 10 = excellent", HIGHER_BETTER, "the night before",
                          "Own 0-10 item; direction stated because trials differ (Cappelleri et al. 2009)"),
        "bristol_types": ("Bristol stool types seen that day, separated by spaces", "Bristol 1-7",
                          "1 separate hard lumps ... 4 smooth soft sausage ... 7 watery",
                          "1-2 lean to constipation, 3-4 typical, 5-7 increasingly loose", "each bowel movement",
                          BRISTOL_SOURCE),
        "bowel_movements": ("Number of bowel movements logged (empty: none logged)", "count", "", "", "that day",
                            APP),
        "trigger_categories": ("Trigger categories of the foods logged that day (keys, separated by spaces; empty: "
                               "no categorised food logged)", "category keys", "", "", "that day", APP),
        "diet_protocol": ("Elimination diet protocol in force that day", "text", "", "", "", APP),
        "diet_phase": ("Phase of that protocol: baseline, elimination, reintroduction, personalisation or paused",
                       "category", "", "", "", "Monash University, three phases of the low-FODMAP diet"),
        "challenge_food": ("Food being reintroduced in a challenge that day", "text", "", "", "", APP),
        "challenge_day": ("Day of that challenge: 1-3 are dose days, later days are washout", "day number", "", "",
                          "", APP),
        "challenge_stage": ("dose or washout", "category", "", "", "", APP),
        "challenge_dose": ("Dose size logged for that dose day: small, medium or large", "category", "", "", "",
                           APP),
        **{
            f"{key}_mean": (f"Mean of the day's ratings of {name.lower()}", NRS_UNIT, "0 = none, 10 = worst "
                            "imaginable", HIGHER_WORSE, "now, when recorded", NRS_SOURCE)
            for key, name in symptom_names.items()
        },
    }  # fmt: skip


def dictionary_rows(
    *,
    symptoms: Mapping[str, str],
    categories: Mapping[str, str],
    summary_columns: Sequence[str],
    summary_symptoms: Sequence[str],
    symptom_names: Mapping[str, str],
) -> tuple[tuple[str, ...], list[list[str]]]:
    """The dictionary's header and rows. ``symptoms``/``categories``: key -> name of those in the export."""
    rows: list[list[str]] = []

    def add(file: str, column: str, kind: str = "", measure: str = "", code: str = "", label: str = "",
            meaning: str = "", unit: str = "", anchors: str = "", direction: str = "", recall: str = "",
            source: str = "") -> None:  # fmt: skip
        cells = [file, column, kind, measure, code, label, meaning, unit, anchors, direction, recall, source]
        rows.append([neutralise(c) for c in cells])

    for column, meaning, unit in ENTRY_COLUMN_MEANINGS:
        add("entries.csv", column, meaning=meaning, unit=unit, source=APP)
    for m in MEASURES:
        add("entries.csv", "value", m.kind.value, m.name, meaning=m.meaning, unit=m.unit, anchors=m.anchors,
            direction=m.direction, recall=m.recall, source=m.source)  # fmt: skip
    for key, name in symptoms.items():
        m = symptom_measure(key, name)
        add("entries.csv", "value", "symptom", key, label=name, meaning=m.meaning, unit=m.unit, anchors=m.anchors,
            direction=m.direction, recall=m.recall, source=m.source)  # fmt: skip
    for key, name in categories.items():
        add("entries.csv", "value", "meal", "food_category", key, name, f"Trigger category: {name}", "category key")
    for site in BODY_SITES:
        add("entries.csv", "value", "pain", "body_site", site.site.value, site.label,
            f"Body site: {site.label.lower()} (also used by wpi_site of weekly check-ins)", "site key",
            source="Widespread Pain Index sites, ACR 2016 (Wolfe et al. 2016)")  # fmt: skip
    meanings = _summary_meanings({k: symptom_names.get(k, k) for k in summary_symptoms})
    for column in summary_columns:
        meaning, unit, anchors, direction, recall, source = meanings[column]
        add("daily_summary.csv", column, meaning=meaning, unit=unit, anchors=anchors, direction=direction,
            recall=recall, source=source)  # fmt: skip
    return DICTIONARY_COLUMNS, rows
