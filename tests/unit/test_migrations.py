"""Schema migrations: old journals open with every entry intact, failures undo everything, newer files are refused."""

from __future__ import annotations

import dataclasses
import importlib.util
import shutil
import sqlite3
import textwrap
from datetime import datetime
from pathlib import Path
from types import ModuleType

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from gutpain_desktop.domain.entries import EntryKind
from gutpain_desktop.storage import DB_FILENAME, DatabaseTooNewError, MigrationError, Store, open_store
from gutpain_desktop.storage.engine import create_sqlite_engine
from gutpain_desktop.storage.migrate import HEAD_REVISION, MIGRATIONS_DIR, alembic_config, head_revision, upgrade
from gutpain_desktop.storage.models import Base
from tests.samples import every_kind, table_counts

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def load_fixture_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_fixture_{name}", FIXTURES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def raw_query(db_path: Path, sql: str) -> list[tuple[object, ...]]:
    raw = sqlite3.connect(db_path)
    try:
        return raw.execute(sql).fetchall()
    finally:
        raw.close()


def columns(db_path: Path, table: str) -> list[tuple[object, ...]]:
    return raw_query(db_path, f'PRAGMA table_info("{table}")')


def schema(db_path: Path) -> list[tuple[object, ...]]:
    return raw_query(db_path, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")


def stamped(db_path: Path) -> list[tuple[object, ...]]:
    return raw_query(db_path, "SELECT version_num FROM alembic_version")


# --- the scripts themselves ----------------------------------------------------------------------------------


def test_head_revision_constant_matches_the_scripts() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_heads() == [HEAD_REVISION], "one linear history; update migrate.HEAD_REVISION with a new head"
    assert head_revision() == HEAD_REVISION


def test_a_fresh_database_ends_at_head_and_matches_the_models(store: Store) -> None:
    assert store.migration.before is None and store.migration.after == HEAD_REVISION
    assert stamped(store.path) == [(HEAD_REVISION,)]
    with store.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert differences == [], "models.py and the migrations disagree: write a migration"


# --- (a) a journal written by the first schema ---------------------------------------------------------------


def test_a_journal_from_schema_0001_opens_with_every_entry(tmp_path: Path) -> None:
    made = load_fixture_script("make_schema_0001")
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copyfile(FIXTURES / "schema_0001.sqlite", data_dir / DB_FILENAME)
    assert stamped(data_dir / DB_FILENAME) == [("0001",)]

    store = open_store(data_dir)
    try:
        assert store.migration.before == "0001"
        assert store.migration.after == HEAD_REVISION
        if HEAD_REVISION != "0001":
            assert store.migration.backup is not None and store.migration.backup.exists()
        expected = {e.id: dataclasses.replace(e, created_at=made.STAMP, updated_at=made.STAMP) for e in made.ENTRIES}
        for entry_id, entry in expected.items():
            assert store.entries.get(entry_id) == entry
        assert store.entries.count() == len(made.ENTRIES)
        assert {e.id for e in store.entries.entries()} == set(expected)
        assert [r.id for r in store.entries.journal()] == [
            e.id for e in sorted(made.ENTRIES, key=lambda e: e.occurred_at, reverse=True)
        ]
        names = store.catalog.names()
        assert names["caffeine"] == made.CUSTOM_CATEGORY and names["jaw_clicking"] == made.CUSTOM_SYMPTOM
        assert store.catalog.remembered_categories("cheese") == ("dairy", "processed_foods")
        assert set(store.catalog.known_foods()) == {"Rye bread", "Cheese", "Garlic", "Espresso"}
        # and it keeps working: a new entry of the migrated journal saves and reads back
        new = store.entries.add(dataclasses.replace(made.ENTRIES[4], id=made.uid(99), level=2))
        assert store.entries.get(new.id) == new
    finally:
        store.close()


# --- (b) a migration that fails half way ---------------------------------------------------------------------

BROKEN_9999 = '''
"""a change that fails half way"""

import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None

FAIL = {fail}


def upgrade() -> None:
    op.create_table("scratch", sa.Column("id", sa.Integer, primary_key=True), sa.Column("label", sa.String(20)))
    # recreate="always": the riskiest path, a full rebuild of the table every other table points at
    with op.batch_alter_table("entry", recreate="always") as batch:
        batch.add_column(sa.Column("mood", sa.Integer, nullable=True))
    op.execute("INSERT INTO scratch (id, label) VALUES (1, 'half way')")
    op.execute("UPDATE entry SET note = 'changed by 9999'")
    if FAIL:
        raise RuntimeError("the disk said no")


def downgrade() -> None:
    raise NotImplementedError
'''


def scripts_with_9999(tmp_path: Path, *, fail: bool) -> Path:
    """Our migrations plus one more on top of the head, which fails half way when ``fail``."""
    location = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, location, ignore=shutil.ignore_patterns("__pycache__"))
    script = BROKEN_9999.format(fail=fail, head=HEAD_REVISION)
    (location / "versions" / "9999_change.py").write_text(textwrap.dedent(script))
    return location


@pytest.fixture
def journal_at_head(data_dir: Path, now: datetime) -> Path:
    store = open_store(data_dir)
    try:
        store.entries.add_many(every_kind(now))
        assert store.migration.after == HEAD_REVISION
    finally:
        store.close()
    return data_dir / DB_FILENAME


def test_a_failed_migration_leaves_the_database_as_it_was(tmp_path: Path, journal_at_head: Path) -> None:
    db_path = journal_at_head
    location = scripts_with_9999(tmp_path, fail=True)
    schema_before = schema(db_path)
    entry_columns = columns(db_path, "entry")
    counts_before = table_counts(db_path)
    notes_before = raw_query(db_path, "SELECT id, note FROM entry ORDER BY id")
    backup_dir = tmp_path / "backups"

    engine = create_sqlite_engine(db_path)
    try:
        with pytest.raises(MigrationError, match="the disk said no"):
            upgrade(engine, db_path, backup_dir=backup_dir, script_location=location)
        with engine.connect() as conn:  # the connection went back to the pool with foreign keys on again
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()

    assert ("scratch",) not in raw_query(db_path, "SELECT name FROM sqlite_master WHERE type='table'")
    assert columns(db_path, "entry") == entry_columns
    assert schema(db_path) == schema_before  # tables, indexes and constraints exactly as they were
    assert stamped(db_path) == [(HEAD_REVISION,)]
    assert table_counts(db_path) == counts_before
    assert raw_query(db_path, "SELECT id, note FROM entry ORDER BY id") == notes_before
    assert raw_query(db_path, "PRAGMA foreign_key_check") == []
    assert raw_query(db_path, "PRAGMA integrity_check") == [("ok",)]

    backups = list(backup_dir.iterdir())
    assert len(backups) == 1 and backups[0].name.startswith(f"before-migration-{HEAD_REVISION}-")
    assert raw_query(backups[0], "PRAGMA quick_check") == [("ok",)]
    assert stamped(backups[0]) == [(HEAD_REVISION,)]
    assert table_counts(backups[0]) == counts_before

    store = open_store(db_path.parent)  # the app still opens it, with every entry
    try:
        assert store.entries.count() == 10
        assert {e.kind for e in store.entries.entries()} == set(EntryKind)
    finally:
        store.close()


def test_the_same_migration_without_the_failure_applies_in_full(tmp_path: Path, journal_at_head: Path) -> None:
    """The other half of the test above: the rollback is not just a migration that never ran."""
    db_path = journal_at_head
    location = scripts_with_9999(tmp_path, fail=False)
    counts_before = table_counts(db_path)
    engine = create_sqlite_engine(db_path)
    try:
        result = upgrade(engine, db_path, backup_dir=tmp_path / "backups", script_location=location)
    finally:
        engine.dispose()
    assert (result.before, result.after) == (HEAD_REVISION, "9999")
    assert result.backup is not None and result.backup.exists()
    assert stamped(db_path) == [("9999",)]
    assert "mood" in [c[1] for c in columns(db_path, "entry")]
    assert raw_query(db_path, "SELECT id, label FROM scratch") == [(1, "half way")]
    assert {n for (n,) in raw_query(db_path, "SELECT DISTINCT note FROM entry")} == {"changed by 9999"}
    counts_after = table_counts(db_path)
    assert {k: v for k, v in counts_after.items() if k != "scratch"} == counts_before
    assert raw_query(db_path, "PRAGMA foreign_key_check") == []
    assert raw_query(db_path, "PRAGMA integrity_check") == [("ok",)]


# --- (c) a journal from a newer app --------------------------------------------------------------------------


def test_a_database_from_a_newer_app_is_refused_and_left_alone(journal_at_head: Path) -> None:
    db_path = journal_at_head
    raw = sqlite3.connect(db_path)
    try:
        raw.execute("UPDATE alembic_version SET version_num = 'ffff9999'")
        raw.commit()
    finally:
        raw.close()
    for companion in ("-wal", "-shm"):
        assert not db_path.with_name(db_path.name + companion).exists()
    before = db_path.read_bytes()

    with pytest.raises(DatabaseTooNewError, match="newer version"):
        open_store(db_path.parent)

    assert db_path.read_bytes() == before
    assert stamped(db_path) == [("ffff9999",)]
    assert not (db_path.parent / "backups").exists()
