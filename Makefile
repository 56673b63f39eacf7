# Two commands on a fresh machine with Python 3.11+ and make: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint install migrate bench backup restore messages screenshots

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11+ is required")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# A local .env with a generated SECRET_KEY, written once; edit it freely afterwards.
.env:
	@$(PYTHON) -c 'import secrets; print("DEBUG=false\nSECRET_KEY=" + secrets.token_urlsafe(50) + "\nALLOWED_HOSTS=127.0.0.1,localhost,.localhost\nSERVE_MEDIA=true")' > $@
	@echo "Wrote .env with a new SECRET_KEY."

migrate: install .env
	$(MANAGE) migrate --noinput

run: migrate
	$(MANAGE) ensure_report
	$(MANAGE) collectstatic --noinput --verbosity 0
	@echo "Serving http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# The checks need settings that load without a .env (a fresh clone has none).
CHECK_ENV := SECRET_KEY=$${SECRET_KEY:-make-test-check-only} ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1}

test: lint
	$(CHECK_ENV) $(MANAGE) check
	$(CHECK_ENV) $(MANAGE) makemigrations --check --dry-run
	$(VENV)/bin/pytest

# After editing locale/*/LC_MESSAGES/*.po: compile the .mo files (committed; no gettext needed).
messages: install
	$(PY) locale/compile.py

# Load test on 127.0.0.1: gunicorn + PostgreSQL (BENCH_DATABASE_URL) driven by wrk.
bench: install
	$(PY) bench/run.py

# The main pages at 360, 768 and 1280 px into docs/screenshots/ (issue 20; Debian's Chromium).
screenshots: install
	$(PY) bench/screenshots.py

# Backups (operations app): the database and the media in one tar file under backups/.
backup: install
	$(MANAGE) backup

restore: install
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=backups/chauthanh-....tar"; exit 2; }
	$(MANAGE) restore "$(FILE)"
