"""Alembic: the environment, the revisions (versions/) and the baseline they start from (baseline/)."""
