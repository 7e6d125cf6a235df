"""Alembic's entry point, run by explorer.schema with an open connection (no alembic.ini needed)."""
from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import explorer.models  # noqa: F401  (registers every table on SQLModel.metadata)

connection = context.config.attributes["connection"]
# SQLite cannot ALTER most things in place; batch mode copies the table, which Alembic does for us.
context.configure(connection=connection, target_metadata=SQLModel.metadata,
                  render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
with context.begin_transaction():
    context.run_migrations()
