"""Bad input, tried many times over (hypothesis): validators, date parsing, and everything read from files or settings.

Each property: no crash (only the documented error), a clear message, and nothing written. Run with
``--hypothesis-show-statistics`` to see how many cases each one tried.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from gutpain_desktop.cli import _day, _years
from gutpain_desktop.domain.entries import (
    BowelEntry,
    FoodItem,
    MealEntry,
    MealType,
    PainEntry,
    StressEntry,
    SymptomEntry,
)
from gutpain_desktop.domain.validation import (
    KEY_PATTERN,
    ValidationError,
    category_key,
    parse_float,
    parse_int,
    validate,
)
from gutpain_desktop.storage import DB_FILENAME, Store, open_store
from gutpain_desktop.storage.backups import RestoreError, parse_name, to_keep
from gutpain_desktop.storage.health import Verdict, quick_check
from gutpain_desktop.storage.local_settings import LocalSettings, parse_settings, to_document
from gutpain_desktop.storage.safety import restore
from tests.samples import every_kind, table_counts

MANY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SOME = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.binary(max_size=10),
    st.lists(st.integers(), max_size=3),
)
moments = st.one_of(
    st.datetimes(timezones=st.none() | st.timezones()),
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)),
)


# --- validators ------------------------------------------------------------------------------------------------


@MANY
@given(text=st.text(max_size=40), low=st.integers(-100, 100), span=st.integers(0, 100), required=st.booleans())
def test_parse_int_returns_a_number_in_range_or_names_the_field(text: str, low: int, span: int, required: bool) -> None:
    try:
        value = parse_int(text, "pain", low, low + span, required=required)
    except ValidationError as exc:
        assert exc.fields == ("pain",) and exc.problems[0].message
        return
    assert (value is None and not required and not text.strip()) or (value is not None and low <= value <= low + span)


@MANY
@given(text=st.one_of(st.text(max_size=40), st.floats().map(str)), required=st.booleans())
def test_parse_float_never_lets_nan_infinity_or_junk_through(text: str, required: bool) -> None:
    try:
        value = parse_float(text, "hours", 0, 24, required=required)
    except ValidationError as exc:
        assert exc.fields == ("hours",)
        return
    assert value is None or 0 <= value <= 24


@MANY
@given(st.text(max_size=300))
def test_category_key_is_always_a_key_or_empty_and_stable(name: str) -> None:
    key = category_key(name)
    assert key == "" or KEY_PATTERN.match(key)
    assert category_key(key) == key


def wild_entries() -> st.SearchStrategy[object]:
    return st.one_of(
        st.builds(StressEntry, occurred_at=moments, level=anything, note=anything),
        st.builds(PainEntry, occurred_at=moments, intensity=anything, sites=st.lists(anything, max_size=3).map(tuple)),
        st.builds(SymptomEntry, occurred_at=moments, symptom=anything, severity=anything),
        st.builds(BowelEntry, occurred_at=moments, bristol=anything),
        st.builds(
            MealEntry,
            occurred_at=moments,
            meal_type=st.sampled_from(MealType),
            foods=st.lists(
                st.builds(FoodItem, name=st.text(max_size=250), categories=st.lists(anything, max_size=3).map(tuple)),
                max_size=3,
            ).map(tuple),
        ),
    )


@MANY
@given(entry=wild_entries())
def test_validate_raises_only_validation_errors_with_named_fields(entry: object) -> None:
    try:
        validate(entry, today=date(2025, 6, 1), categories={"dairy": 1}, symptoms={"bloating": 1})  # type: ignore[arg-type]
    except ValidationError as exc:
        assert exc.problems and all(p.field and p.message for p in exc.problems)


@SOME
@given(entry=wild_entries())
def test_what_validation_refuses_is_never_written(store: Store, entry: object) -> None:
    before = store.entries.count()
    try:
        validate(entry, categories=store.catalog.names(), symptoms=store.catalog.names())  # type: ignore[arg-type]
        valid = True
    except ValidationError:
        valid = False
    assume(not valid)  # entries that pass are saved (covered by the round-trip tests)
    with pytest.raises(ValidationError):
        store.entries.add(entry)  # type: ignore[arg-type]
    assert store.entries.count() == before


# --- dates typed on the command line --------------------------------------------------------------------------


@MANY
@given(st.one_of(st.text(max_size=20), st.dates().map(date.isoformat)))
def test_a_typed_date_is_a_date_or_a_clear_message(text: str) -> None:
    try:
        day = _day(text)
    except argparse.ArgumentTypeError as exc:
        assert "is not a date like 2025-03-31" in str(exc)
        return
    assert isinstance(day, date) and day == date.fromisoformat(text)


@MANY
@given(st.one_of(st.text(max_size=12), st.floats().map(str), st.integers().map(str)))
def test_typed_years_are_in_range_or_a_clear_message(text: str) -> None:
    try:
        years = _years(text)
    except argparse.ArgumentTypeError as exc:
        assert "years" in str(exc)
        return
    assert 0 < years <= 100


# --- the settings file -----------------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=8,
)
settings_documents = st.fixed_dictionaries(
    {},
    optional={
        "backup_dir": json_values
        | st.text(max_size=60)
        | st.sampled_from(["/media/usb/backups", "relative/x", "~0", "~no-such-user-here/backups", "~/backups"]),
        "last_full_check": json_values | st.datetimes().map(datetime.isoformat),
        "last_full_check_ok": json_values,
    },
)


@MANY
@given(st.binary(max_size=200))
def test_any_bytes_as_the_settings_file_give_defaults_and_a_message(raw: bytes) -> None:
    import json

    loaded = parse_settings(raw)
    assert isinstance(loaded.settings, LocalSettings)
    if not loaded.problem:  # accepted quietly only if it really was a JSON object
        assert isinstance(json.loads(raw.decode("utf-8")), dict)
    else:
        assert "settings file" in loaded.problem or "settings in" in loaded.problem


@MANY
@given(settings_documents)
def test_any_json_settings_are_read_without_crashing_and_only_sane_values_kept(document: dict[str, object]) -> None:
    import json

    loaded = parse_settings(json.dumps(document).encode())
    folder = loaded.settings.backup_dir
    assert folder is None or folder.is_absolute()
    check = loaded.settings.last_full_check
    assert check is None or check.tzinfo is not None
    if loaded.problem:
        assert "ignored" in loaded.problem or "could not be read" in loaded.problem
    # what is kept survives a write and a read
    again = parse_settings(json.dumps(to_document(loaded.settings)).encode())
    assert again.settings == loaded.settings and not again.problem


# --- backup names and the retention rule -----------------------------------------------------------------------


@MANY
@given(st.one_of(st.text(max_size=60), st.from_regex(r"\A[a-z][a-z-]{0,10}-\d{8}T\d{12}Z\.sqlite\Z")))
def test_only_names_this_app_gives_are_read_as_backups(name: str) -> None:
    parsed = parse_name(name)
    if parsed is not None:
        label, taken = parsed
        assert name.startswith(label + "-") and name.endswith(".sqlite") and taken.tzinfo is UTC
        assert name == f"{label}-{taken.strftime('%Y%m%dT%H%M%S%fZ')}.sqlite"


stamps = st.lists(
    st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1)).map(lambda t: t.replace(tzinfo=UTC)),
    max_size=80,
    unique=True,
)


@MANY
@given(stamps)
def test_the_rule_keeps_the_newest_stays_bounded_and_is_stable(moments: list[datetime]) -> None:
    keep = to_keep(moments, tz=UTC)
    assert keep <= set(range(len(moments)))
    assert len(keep) <= 5 + 7 + 8 + 12
    if moments:
        assert moments.index(max(moments)) in keep
        assert len(keep) >= min(len(moments), 5)
    kept = [moments[i] for i in sorted(keep)]
    assert len(to_keep(kept, tz=UTC)) == len(kept)  # pruning again removes nothing more


# --- files that are not what they claim ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_journal(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("sample")
    store = open_store(folder)
    try:
        store.entries.add_many(every_kind(datetime.now().astimezone() - timedelta(hours=2)))
    finally:
        store.close()
    return (folder / DB_FILENAME).read_bytes()


@SOME
@given(data=st.data())
def test_any_damaged_file_is_judged_without_crashing(sample_journal: bytes, data: st.DataObject) -> None:
    raw = bytearray(sample_journal)
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at : at + 8] = data.draw(st.binary(min_size=1, max_size=8))
    cut = data.draw(st.none() | st.integers(0, len(raw)))
    content = bytes(raw[:cut] if cut is not None else raw)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / DB_FILENAME
        path.write_bytes(content)
        found = quick_check(path)
        assert found.verdict in (Verdict.OK, Verdict.DAMAGED, Verdict.MISSING)
        assert found.verdict is not Verdict.DAMAGED or found.detail
        if content[:100] != sample_journal[:100] and len(content) >= 100 and content[:16] != sample_journal[:16]:
            assert found.verdict is Verdict.DAMAGED


@SOME
@given(st.binary(max_size=3000) | st.binary(min_size=100, max_size=3000).map(lambda b: b"SQLite format 3\x00" + b))
def test_restoring_any_non_journal_file_is_refused_and_changes_nothing(
    store: Store, tmp_path: Path, content: bytes
) -> None:
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_bytes(content)
    before = table_counts(store.path)
    with pytest.raises(RestoreError):
        restore(store.path, bogus, tmp_path / "b")
    assert table_counts(store.path) == before
    assert not (tmp_path / "b").exists()
    os.unlink(bogus)
    with sqlite3.connect(store.path) as raw:
        assert raw.execute("PRAGMA quick_check").fetchone()[0] == "ok"
