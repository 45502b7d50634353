# MSP Desk: `make demo` opens the app on a demo shop; `make test` runs ruff, mypy, import-linter
# and the whole test suite.
# Each sets up everything it needs first (system libraries for Qt when run as root on
# Debian/Ubuntu, a virtual environment in .venv, the package and its test tools).

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo demo-va test lint setup system-deps bench clean

demo: setup
	$(VENV)/bin/msp-desk --demo

demo-va: setup
	$(VENV)/bin/msp-desk --demo-va

test: setup lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

lint: setup
	$(VENV)/bin/ruff check msp_desk tests bench packaging
	$(VENV)/bin/ruff format --check msp_desk tests bench packaging
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

bench: setup
	$(PY) -m pip install --quiet -e '.[test,bench]'
	$(PY) bench/run.py
	$(PY) bench/startup_window.py
	$(PY) bench/import_tickets.py
	$(PY) bench/report_kpi.py
	$(PY) bench/report_pack.py
	$(PY) bench/report_qbr.py

setup: system-deps $(STAMP)

system-deps:
	@sh packaging/install-system-deps.sh

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "MSP Desk needs Python 3.11 or newer (found %s); set PYTHON=python3.12 or similar" % sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
