"""Alembic environment. Runs inside the app: the connection comes from storage.migrate, already in a transaction."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

# Imported from the app (not discovered by Alembic) so PyInstaller sees the models too.
from gutpain_desktop.storage.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:  # developer use: `alembic -x url=sqlite:///file.db revision --autogenerate`
    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///:memory:")
    engine = create_engine(url)
    with engine.begin() as conn:
        _run(conn)
