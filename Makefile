# Two commands do all the set-up: `make run` (the dashboard on the demo database) and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet -c constraints.txt
DEMO_DB := data/demo.sqlite
DEMO_PUBLIC_DB := data/demo-public.sqlite

.PHONY: run test demo bench chromium office jemalloc clean

# Stamps: each set of packages is installed once, and again when its file or the constraints change.
$(VENV)/.runtime: requirements.txt constraints.txt pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PIP) -r requirements.txt
	$(PY) -m pip install --quiet --no-deps --editable .
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PIP) -r requirements-dev.txt
	touch $@

$(VENV)/.bench: requirements-bench.txt $(VENV)/.dev
	$(PIP) -r requirements-bench.txt
	touch $@

# Built again when a schema revision lands: a demo of the revision before lacks what the pages now read.
$(DEMO_DB): $(wildcard dashboard/writer/migrations/versions/*.py) | $(VENV)/.runtime
	$(VENV)/bin/vidkryto demo --db sqlite:///$(DEMO_DB) --replace

# The public edition reads the public database that `publish` writes from the council's.
$(DEMO_PUBLIC_DB): $(DEMO_DB)
	$(VENV)/bin/vidkryto publish --db sqlite:///$(DEMO_DB) --to sqlite:///$(DEMO_PUBLIC_DB)

## The dashboard on http://localhost:8501, headless, on the embedded demo database (built if missing): the public
## edition on its public database (the internal edition reads data/demo.sqlite, README «Audiences»).
run: $(VENV)/.runtime $(DEMO_PUBLIC_DB)
	$(VENV)/bin/streamlit run start.py

## Debian's Chromium for the browser tests (Playwright cannot download browsers here).
chromium:
	test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium)

# LibreOffice and poppler: the report's DOCX is opened, read back and drawn as an image by its test.
office:
	test -x /usr/bin/soffice -a -x /usr/bin/pdftoppm || (apt-get update -qq && apt-get install -y -qq libreoffice-writer-nogui poppler-utils)

# jemalloc: the server runs on it where the system has it (dashboard/allocator.py); a test checks that it does.
jemalloc:
	ldconfig -p | grep -q libjemalloc.so.2 || (apt-get update -qq && apt-get install -y -qq libjemalloc2)

## Every test: unit, query (SQLite and PostgreSQL), page (AppTest) and browser (Chromium).
test: $(VENV)/.dev chromium office jemalloc
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest

## Rebuild the demo database from scratch.
demo: $(VENV)/.runtime
	$(VENV)/bin/vidkryto demo --db sqlite:///$(DEMO_DB) --replace
	$(VENV)/bin/vidkryto publish --db sqlite:///$(DEMO_DB) --to sqlite:///$(DEMO_PUBLIC_DB)

## The benchmarks of bench/ (not part of the tests); writes bench/RESULTS.md.
bench: $(VENV)/.bench chromium
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_PUBLIC_DB)
