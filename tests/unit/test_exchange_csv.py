"""CSV export and import of our own format on real SQLite files: round trip, idempotence, merge, formula
neutralisation both ways, quoting, empty cells, permissions, the data dictionary, and all-or-nothing errors."""

from __future__ import annotations

import csv
import io
import os
import stat
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gutpain_desktop.domain.entries import (
    EntryKind,
    FoodItem,
    MealEntry,
    MealType,
    PainEntry,
    StressEntry,
    SymptomEntry,
)
from gutpain_desktop.exchange.csv_export import ENTRY_COLUMNS, FILES, ExportOptions, export_csv
from gutpain_desktop.exchange.csv_import import plan_gutpain_csv
from gutpain_desktop.exchange.files import FORMULA_STARTS, atomic_text, neutralise, restore
from gutpain_desktop.exchange.importing import ImportFailed, apply_plan
from gutpain_desktop.storage import Store, open_store
from tests.samples import every_kind, table_counts

TRICKY_FOOD = 'Cheese, "aged"\nsecond line'
FORMULA_NOTE = '=HYPERLINK("http://example.invalid","click")'


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def _journal(store: Store, at: datetime) -> None:
    store.catalog.add_category("Caffeine & tea")
    store.catalog.add_symptom("Joint stiffness")
    entries = [
        *every_kind(at),
        MealEntry(
            occurred_at=at - timedelta(days=3),
            meal_type=MealType.DINNER,
            foods=(FoodItem(TRICKY_FOOD, ("caffeine_tea", "dairy"), "1, big"), FoodItem("-5 kale", (), "")),
            note=FORMULA_NOTE,
        ),
        SymptomEntry(occurred_at=at - timedelta(days=2), symptom="joint_stiffness", severity=7, note="@mention"),
        StressEntry(occurred_at=at - timedelta(days=5), level=0, note="+1 tab\there"),
    ]
    store.entries.add_many(entries)


@pytest.fixture
def at() -> datetime:
    """A moment in the past whose whole sample day (the hour before it) falls on one calendar day."""
    moment = datetime.now().astimezone().replace(second=0, microsecond=0) - timedelta(hours=2)
    if (moment - timedelta(minutes=61)).date() != moment.date():  # just after midnight: use yesterday evening
        moment = (moment - timedelta(days=1)).replace(hour=20, minute=0)
    return moment


def test_round_trip_gives_identical_files_and_a_second_import_adds_nothing(tmp_path: Path, at: datetime) -> None:
    first = open_store(tmp_path / "a")
    _journal(first, at)
    export_csv(first, tmp_path / "out1")
    first.close()

    second = open_store(tmp_path / "b")
    plan = plan_gutpain_csv(tmp_path / "out1" / "entries.csv", second)
    assert plan.ok, plan.summary()
    assert ("caffeine_tea", "Caffeine & tea") in plan.new_categories  # name taken from data_dictionary.csv
    assert ("joint_stiffness", "Joint stiffness") in plan.new_symptoms
    outcome = apply_plan(second, plan)
    assert outcome.added == len(plan.entries) == 13 and outcome.already_present == 0
    (context,) = second.entries.entries(kinds=[EntryKind.CONTEXT])  # a food reaction comes back whole
    assert context.reaction_food == "prawns, in a curry" and {r.value for r in context.reactions} == {
        "hives",
        "swelling",
    }
    measures = {(row["kind"], row["measure"], row["value"]) for row in _rows(tmp_path / "out1" / "entries.csv")}
    assert {("context", "reaction", "hives"), ("context", "reaction", "swelling")} <= measures
    export_csv(second, tmp_path / "out2")
    for name in FILES:
        assert (tmp_path / "out1" / name).read_bytes() == (tmp_path / "out2" / name).read_bytes(), name

    counts = table_counts(second.path)
    again = plan_gutpain_csv(tmp_path / "out1" / "entries.csv", second)
    assert again.ok and again.to_add() == 0 and again.already_present == 13
    assert apply_plan(second, again).added == 0
    assert table_counts(second.path) == counts
    second.close()


def test_round_trip_of_a_year_of_demo_data(tmp_path: Path) -> None:
    from gutpain_desktop.demo import generate_demo

    source = open_store(tmp_path / "a")
    generate_demo(source, years=0.5, seed=3)
    export_csv(source, tmp_path / "out1", ExportOptions(excel_bom=True))
    source.close()
    target = open_store(tmp_path / "b")
    apply_plan(target, plan_gutpain_csv(tmp_path / "out1" / "entries.csv", target))
    export_csv(target, tmp_path / "out2", ExportOptions(excel_bom=True))
    target.close()
    for name in FILES:
        data = (tmp_path / "out1" / name).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")  # the Excel option
        assert data == (tmp_path / "out2" / name).read_bytes(), name


def test_two_devices_merge(tmp_path: Path, at: datetime) -> None:
    laptop, phone = open_store(tmp_path / "laptop"), open_store(tmp_path / "phone")
    laptop.entries.add(PainEntry(occurred_at=at - timedelta(days=1), intensity=4))
    laptop.entries.add(StressEntry(occurred_at=at - timedelta(days=1), level=3))
    phone.entries.add(PainEntry(occurred_at=at, intensity=6, note="after the walk"))
    export_csv(laptop, tmp_path / "from-laptop")
    export_csv(phone, tmp_path / "from-phone")
    # The laptop takes in the phone's entries, and the phone the laptop's: both end with the same journal.
    apply_plan(laptop, plan_gutpain_csv(tmp_path / "from-phone" / "entries.csv", laptop))
    apply_plan(phone, plan_gutpain_csv(tmp_path / "from-laptop" / "entries.csv", phone))
    export_csv(laptop, tmp_path / "laptop-now")
    export_csv(phone, tmp_path / "phone-now")
    assert laptop.entries.count() == phone.entries.count() == 3
    assert (tmp_path / "laptop-now" / "entries.csv").read_bytes() == (
        tmp_path / "phone-now" / "entries.csv"
    ).read_bytes()
    laptop.close()
    phone.close()


def test_what_a_spreadsheet_sees(tmp_path: Path, at: datetime) -> None:
    store = open_store(tmp_path / "a")
    _journal(store, at)
    result = export_csv(store, tmp_path / "out", ExportOptions(start=at.date() - timedelta(days=8)))
    store.close()
    rows = _rows(tmp_path / "out" / "entries.csv")
    assert list(rows[0]) == list(ENTRY_COLUMNS)
    assert result.entries == 13 and result.values == len(rows)
    # Text that would run as a formula is shown as text; the food with a comma, quotes and a new line survives.
    foods = [r["value"] for r in rows if r["measure"] == "food"]
    assert TRICKY_FOOD in foods and "'-5 kale" in foods
    notes = {r["note"] for r in rows if r["note"]}
    assert "'" + FORMULA_NOTE in notes and "'@mention" in notes and "'+1 tab\there" in notes
    # Numbers stay numbers, with their scale; dates and times in cells a spreadsheet recognises.
    pain = next(r for r in rows if r["measure"] == "pain_intensity")
    assert pain["value"] == "6" and pain["unit"].startswith("0-10 (0 no pain")
    assert date.fromisoformat(pain["date"]) and len(pain["time"]) == 8
    assert datetime.fromisoformat(pain["occurred_at"]).utcoffset() is not None
    quality = next(r for r in rows if r["measure"] == "sleep_quality")
    assert "10 excellent" in quality["unit"]
    assert not any(r["value"].startswith(FORMULA_STARTS) for r in rows)

    days = _rows(tmp_path / "out" / "daily_summary.csv")
    assert len(days) == 9 and days[0]["date"] == (at.date() - timedelta(days=8)).isoformat()
    empty = days[0]  # nothing logged eight days ago: empty cells, never zeros
    assert all(value == "" for key, value in empty.items() if key != "date")
    stress_day = next(d for d in days if d["date"] == (at - timedelta(days=5)).date().isoformat())
    assert stress_day["stress_mean"] == "0" and stress_day["pain_mean"] == ""  # a real 0 stays 0
    today = next(d for d in days if d["date"] == at.date().isoformat())
    assert today["pain_mean"] == "6" and today["bloating_mean"] == "4" and today["bristol_types"] == "6"
    assert today["diet_protocol"] == "Low FODMAP" and today["diet_phase"] == "reintroduction"


def test_the_dictionary_explains_every_column_and_measure(tmp_path: Path, at: datetime) -> None:
    store = open_store(tmp_path / "a")
    _journal(store, at)
    export_csv(store, tmp_path / "out")
    store.close()
    dictionary = _rows(tmp_path / "out" / "data_dictionary.csv")
    described = {(d["file"], d["column"]) for d in dictionary if d["meaning"]}
    for name in ("entries.csv", "daily_summary.csv"):
        with (tmp_path / "out" / name).open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        missing = [c for c in header if (name, c) not in described]
        assert missing == [], f"{name}: {missing}"
    measures = {(d["kind"], d["measure"]) for d in dictionary if d["column"] == "value"}
    used = {(r["kind"], r["measure"]) for r in _rows(tmp_path / "out" / "entries.csv")}
    assert used - measures == set()
    sleep = next(d for d in dictionary if d["measure"] == "sleep_quality")
    assert "higher is better" in sleep["direction"] and sleep["recall_period"] and "Cappelleri" in sleep["source"]
    pain = next(d for d in dictionary if d["measure"] == "pain_intensity")
    assert "worst pain imaginable" in pain["scale_anchors"] and "IMMPACT" in pain["source"]
    assert any(d["code"] == "caffeine_tea" and d["label"] == "Caffeine & tea" for d in dictionary)


def test_files_are_owner_only_and_written_atomically(tmp_path: Path, at: datetime) -> None:
    store = open_store(tmp_path / "a")
    store.entries.add(StressEntry(occurred_at=at, level=2))
    export_csv(store, tmp_path / "out")
    store.close()
    for name in FILES:
        assert stat.S_IMODE(os.stat(tmp_path / "out" / name).st_mode) == 0o600
    before = (tmp_path / "out" / "entries.csv").read_bytes()
    with pytest.raises(RuntimeError), atomic_text(tmp_path / "out" / "entries.csv") as stream:
        stream.write("half a file")
        raise RuntimeError("disk full")
    assert (tmp_path / "out" / "entries.csv").read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(FILES)  # no temporary file left


@given(st.text(max_size=40))
def test_neutralising_is_reversible_and_leaves_no_formula(text: str) -> None:
    safe = neutralise(text)
    assert restore(safe) == text
    assert not safe.startswith(FORMULA_STARTS)
    if not text.lstrip("'").startswith(FORMULA_STARTS):
        assert safe == text  # ordinary text is untouched


@given(note=st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_note_survives_export_and_import(tmp_path_factory: pytest.TempPathFactory, note: str) -> None:
    folder = tmp_path_factory.mktemp("note")
    at = datetime.now().astimezone().replace(microsecond=0) - timedelta(hours=1)
    source = open_store(folder / "a")
    source.entries.add(StressEntry(occurred_at=at, level=5, note=note))
    export_csv(source, folder / "out")
    source.close()
    target = open_store(folder / "b")
    apply_plan(target, plan_gutpain_csv(folder / "out" / "entries.csv", target))
    assert [e.note for e in target.entries.entries()] == [note]
    target.close()


def _exported(tmp_path: Path, at: datetime) -> Path:
    store = open_store(tmp_path / "source")
    _journal(store, at)
    export_csv(store, tmp_path / "out")
    store.close()
    return tmp_path / "out" / "entries.csv"


def test_a_bad_row_is_reported_with_its_line_and_column_and_nothing_is_written(tmp_path: Path, at: datetime) -> None:
    path = _exported(tmp_path, at)
    lines = path.read_bytes().decode("utf-8").split("\r\n")
    pain_line = next(i for i, line in enumerate(lines) if ",pain_intensity," in line)
    physical = "\r\n".join(lines[:pain_line]).count("\n") + 2  # a quoted cell may hold a new line
    lines[pain_line] = lines[pain_line].replace(",pain_intensity,,6,", ",pain_intensity,,eleven,")
    broken = tmp_path / "broken.csv"
    broken.write_bytes("\r\n".join(lines).encode("utf-8"))
    target = open_store(tmp_path / "target")
    target.entries.add(StressEntry(occurred_at=at, level=1))
    counts = table_counts(target.path)
    plan = plan_gutpain_csv(broken, target)
    assert [(p.line, p.column) for p in plan.problems] == [(physical, "value")]
    assert "pain_intensity must be a whole number, not 'eleven'" in plan.summary()
    with pytest.raises(ImportFailed):
        apply_plan(target, plan)
    assert table_counts(target.path) == counts

    # A value of the right type but out of its scale is caught by the same checks as typing it in.
    lines[pain_line] = lines[pain_line].replace(",pain_intensity,,eleven,", ",pain_intensity,,11,")
    broken.write_bytes("\r\n".join(lines).encode("utf-8"))
    plan = plan_gutpain_csv(broken, target)
    assert [p.line for p in plan.problems] == [physical]
    assert "pain: must be from 0 to 10, not 11" in plan.summary()
    with pytest.raises(ImportFailed):
        apply_plan(target, plan)
    assert table_counts(target.path) == counts
    target.close()


def test_spreadsheet_mangled_and_foreign_files_get_a_clear_message(tmp_path: Path, at: datetime) -> None:
    path = _exported(tmp_path, at)
    target = open_store(tmp_path / "target")
    counts = table_counts(target.path)
    # Excel re-saved the dates its own way.
    text = path.read_text(encoding="utf-8")
    first = next(csv.DictReader(io.StringIO(text, newline="")))["occurred_at"]
    mangled = tmp_path / "mangled.csv"
    mangled.write_text(text.replace(first, "01/03/2025 08:30"), encoding="utf-8")
    plan = plan_gutpain_csv(mangled, target)
    assert not plan.ok and plan.problems[0].column == "occurred_at" and "spreadsheet" in plan.problems[0].reason
    cases = {
        "latin1.csv": (text.replace("Cheese", "Fromage é").encode("latin-1", errors="replace"), "not UTF-8"),
        "utf16.csv": (text.encode("utf-16"), "UTF-16"),
        "binary.csv": (bytes(range(256)) * 4, "binary"),
        "empty.csv": (b"", "empty"),
        "flaredown.csv": (b"Date,Fatigue,Tags,Foods\n2021-11-06,2,,\n", "Flaredown"),
        "quote.csv": (b'entry_id,kind,occurred_at,measure,item,value\n"unclosed,pain\n', "not readable as CSV"),
    }
    for name, (data, words) in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(ImportFailed, match=words):
            plan_gutpain_csv(tmp_path / name, target)
    assert table_counts(target.path) == counts
    target.close()


@given(data=st.data())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_fuzzed_files_give_a_clear_error_and_leave_the_database_unchanged(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    at = datetime.now().astimezone().replace(second=0, microsecond=0) - timedelta(hours=2)
    source = FUZZ_SOURCE.get("text")
    if source is None:
        path = _exported(folder, at)
        source = FUZZ_SOURCE["text"] = path.read_text(encoding="utf-8")
    lines = source.split("\n")
    for _ in range(data.draw(st.integers(1, 4))):
        index = data.draw(st.integers(0, len(lines) - 1))
        cells = lines[index].split(",")
        cell = data.draw(st.integers(0, max(len(cells) - 1, 0)))
        cells[cell] = data.draw(st.text(max_size=12))
        lines[index] = ",".join(cells)
    junk = "\n".join(lines).encode("utf-8", errors="surrogatepass")
    if data.draw(st.booleans()):
        junk = junk[: data.draw(st.integers(0, len(junk)))] + data.draw(st.binary(max_size=20))
    path = folder / "fuzz.csv"
    path.write_bytes(junk)
    target = open_store(folder / "target")
    try:
        counts = table_counts(target.path)
        try:
            plan = plan_gutpain_csv(path, target)
        except ImportFailed as exc:
            assert str(exc) and "Traceback" not in str(exc)
        else:
            if plan.ok:
                apply_plan(target, plan)
                return
            assert all(p.reason for p in plan.problems)
            with pytest.raises(ImportFailed):
                apply_plan(target, plan)
        assert table_counts(target.path) == counts
    finally:
        target.close()


FUZZ_SOURCE: dict[str, str] = {}
