"""Data access, one module per domain: parameterized SQLAlchemy Core selects returning Polars frames.

Pure: never imports streamlit, so queries are tested and benchmarked without a browser.
"""
