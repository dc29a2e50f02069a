# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# The tests run in one process per core (pytest-xdist); PYTEST_ARGS= runs them in one.
PYTEST_ARGS ?= -n auto

.PHONY: run test install install-dev assets static lint worker beat benchmark clean

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: $(VENV)/bin/activate requirements/base.txt
	$(PIP) install --quiet -r requirements/base.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements/dev.txt
	$(PIP) install --quiet -r requirements/dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed
install-dev: $(VENV)/.installed-dev node_modules/.installed
assets: node_modules/.installed

# Static files as production serves them (DEBUG off, hashed names and a manifest) into STATIC_ROOT.
static: install
	PYTHON=$(PY) bin/build-static

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py run_background_work
	$(PY) manage.py run_background_work --every 10 & sweeps=$$!; trap 'kill $$sweeps' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:8000

test: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

worker: install
	$(VENV)/bin/celery -A commissioning worker --concurrency=2 --loglevel=info

beat: install
	$(VENV)/bin/celery -A commissioning beat --loglevel=info

benchmark: install-dev
	$(PY) benchmarks/voting.py
	$(PY) benchmarks/csv_import.py

clean:
	rm -rf $(VENV) node_modules staticfiles
