"""Schema migrations with Alembic, run at start from a Config built in code."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from .backup import backup_database

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

#: The newest revision in migrations/versions. Lets start-up skip importing Alembic (~0.3 s) when the database is
#: already current; tests/unit/test_migrations.py checks it matches the scripts.
HEAD_REVISION = "0002"

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class DatabaseTooNewError(RuntimeError):
    """The database was written by a newer version of the app; opening it could damage it."""


class MigrationError(RuntimeError):
    """A migration failed; the database was left exactly as it was."""


@dataclass(frozen=True, slots=True)
class MigrationResult:
    before: str | None
    after: str | None
    backup: Path | None


def alembic_config(script_location: Path = MIGRATIONS_DIR) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(script_location))
    return cfg


def head_revision(script_location: Path = MIGRATIONS_DIR) -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(script_location)).get_current_head()


def current_revision(connection: Connection) -> str | None:
    """The revision stamped in the database, read with plain SQL (no Alembic import)."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(
    engine: Engine,
    db_path: Path,
    *,
    backup_dir: Path | None = None,
    script_location: Path = MIGRATIONS_DIR,
    key: str | None = None,
) -> MigrationResult:
    """Bring the database to the newest schema in one transaction.

    Refuses a database newer than this app. Backs up an existing database before changing it. If any step fails,
    everything rolls back (DDL included) and MigrationError is raised.
    """
    with engine.connect() as conn:
        before = current_revision(conn)
        conn.rollback()
    if before == HEAD_REVISION and script_location == MIGRATIONS_DIR:
        return MigrationResult(before, before, None)

    from alembic import command
    from alembic.script import ScriptDirectory

    cfg = alembic_config(script_location)
    script = ScriptDirectory.from_config(cfg)
    head = script.get_current_head()
    if before is not None:
        try:
            script.get_revision(before)
        except Exception as exc:
            raise DatabaseTooNewError(
                f"This data was saved by a newer version of GutPain Desktop (schema {before}). "
                "Please install that version or newer to open it; nothing has been changed."
            ) from exc
    if before == head:
        return MigrationResult(before, head, None)

    backup = None
    if before is not None and backup_dir is not None:
        backup = backup_database(db_path, backup_dir, label=f"before-migration-{before}", key=key)
        log.info("backed up %s to %s before migrating", db_path, backup)

    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        # Table rebuilds (batch mode) need foreign keys off; this pragma only works outside a transaction.
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise MigrationError(f"the migration left {len(broken)} broken references")
        except MigrationError:
            raise
        except Exception as exc:
            raise MigrationError(f"Updating the database failed and was undone: {exc}") from exc
        finally:
            raw.execute("PRAGMA foreign_keys=ON")
    return MigrationResult(before, head, backup)


def is_known_revision(revision: str | None, script_location: Path = MIGRATIONS_DIR) -> bool:
    """Whether this app's migrations know ``revision`` (so a file stamped with it can be opened and upgraded)."""
    if revision is None:
        return False
    if revision == HEAD_REVISION and script_location == MIGRATIONS_DIR:
        return True
    from alembic.script import ScriptDirectory

    try:
        return ScriptDirectory.from_config(alembic_config(script_location)).get_revision(revision) is not None
    except Exception:
        return False
