"""Alembic's environment: migrations run on the connection `dashboard.writer.migrate` hands over.

`render_as_batch` lets SQLite change a column (it rebuilds the table), so one revision serves both backends.
A new revision: see CONTRIBUTING.md («Changing the schema»).
"""

from alembic import context

from dashboard.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                  compare_server_default=True)
with context.begin_transaction():
    context.run_migrations()
