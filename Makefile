# Sister City CRM — the README's two commands, and a few for operators.
# Needs only Python 3.11+: PostgreSQL and Redis are embedded under .data/ unless
# DATABASE_URL / CELERY_BROKER_URL point at servers.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000

.PHONY: install run test lint format migrate demo stop clean bench messages

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed, this is " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

run: demo
	PORT=$(PORT) $(PY) manage.py serve --port $(PORT)

test: install
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

stop:
	$(PY) -c 'from pathlib import Path; from crm.embedded import stop_all; stop_all(Path(".data"))'

clean: stop
	rm -rf .data $(VENV)

# Benchmark at the SPEC §1 scale (SCALE=full|medium|small); writes bench/results.{json,md}.
SCALE ?= full
bench: migrate
	$(PY) bench/run.py --scale $(SCALE)

# Refresh the translation catalogs (then translate new zh-Hant entries) and compile them.
messages: install
	$(PY) manage.py makemessages -l zh_Hant -l en --ignore=.venv --ignore=.data --ignore=test-artifacts --ignore=bench
	$(PY) manage.py compilemessages --ignore=.venv --ignore=.data

# Backups (SPEC §6): pg_dump in custom format of the configured database into
# .data/backups/crm-YYYYmmdd-HHMMSS.dump (or OUTPUT=path); restore one into a NEW database
# (TARGET=name, default from the file name; REPLACE=1 drops an existing one first).
.PHONY: backup restore drills
backup: install
	$(PY) manage.py backup $(if $(OUTPUT),--output "$(OUTPUT)")

restore: install
	@test -n "$(FILE)" || { echo 'usage: make restore FILE=.data/backups/crm-....dump [TARGET=dbname] [REPLACE=1]'; exit 2; }
	$(PY) manage.py restore "$(FILE)" $(if $(TARGET),--database-name "$(TARGET)") $(if $(REPLACE),--replace)

# The fault drills (tests/drills; also part of `make test`): Redis and PostgreSQL restarted,
# two beat processes, backup and restore.
drills: install
	$(PY) -m pytest -m drills tests/drills
