"""The import rule, checked on the code: pages -> queries, dashboard; queries never import streamlit; the writer
never imports queries or pages; nothing imports pages; only the command line sits above both sides."""

import ast
from pathlib import Path

from tests.support import PROJECT_ROOT


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def modules(folder: str) -> dict[str, set[str]]:
    return {str(path.relative_to(PROJECT_ROOT)): imports_of(path) for path in (PROJECT_ROOT / folder).rglob("*.py")}


def offenders(folder: str, *forbidden: str, allowed: tuple[str, ...] = ()) -> list[str]:
    return sorted(f"{name} imports {module}" for name, found in modules(folder).items() if name not in allowed
                  for module in found if module.split(".")[0] in forbidden or module in forbidden)


def test_the_report_never_imports_streamlit_pages_or_the_writer():
    assert offenders("report", "streamlit", "pages", "dashboard.writer") == []


def test_queries_never_import_streamlit_or_pages():
    assert offenders("queries", "streamlit", "pages") == []


def test_the_writer_never_imports_queries_pages_or_streamlit():
    assert offenders("dashboard/writer", "queries", "pages", "streamlit") == []


def test_nothing_imports_pages():
    for folder in ("dashboard", "queries", "report", "pages", "tests"):
        assert offenders(folder, "pages") == []


def test_the_dashboard_package_reads_queries_only_through_the_ui_its_downloads_and_the_command_line():
    assert offenders("dashboard", "queries", allowed=("dashboard/ui.py", "dashboard/downloads.py", "dashboard/cli.py")) == []


def test_pages_are_thin_and_never_touch_the_database_or_the_writer():
    assert offenders("pages", "sqlalchemy", "dashboard.writer", "dashboard.db", "dashboard.schema") == []
