"""Every formula of the dashboard, one module per domain: pages and queries never compute a figure themselves.

Each formula is a plain Python function with unit tests; where the database computes it too, its SQL twin
(`*_sql`, a SQLAlchemy expression) stands beside it and a test checks one against the other. Vocabularies
(vote kinds, choices) live here as data, so pages, queries and the writer share one list.
"""
