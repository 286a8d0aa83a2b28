"""bench/RESULTS.md by sections: a benchmark rewrites its own section (by heading) and leaves the others."""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def write_section(section: str, path: Path = RESULTS) -> None:
    """Replace the section whose first line (its `## ` heading) is `section`'s, or append it."""
    heading = section.splitlines()[0]
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    if heading in lines:
        start = lines.index(heading)
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        lines[start:end] = section.rstrip().splitlines() + [""]
    else:
        lines += ["", *section.rstrip().splitlines()]
    path.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
