"""The writer side: the command line, importers, vote summaries and the demo council.

Only this package writes, always through `dashboard.db.write_engine` with a URL given on the command line.
"""
