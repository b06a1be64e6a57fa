# The README's two commands: `make run` (the site with demo content on SQLite) and
# `make test` (the whole suite). Both create .venv and install the pinned dependencies first;
# a second run reinstalls nothing unless a requirements file changed.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test format check messages clean-db

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: requirements.txt | $(PY)
	$(PY) -m pip install --quiet --requirement requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --requirement requirements-dev.txt
	touch $@ $(VENV)/.installed-run

## The site with demo content on the embedded default (SQLite under var/).
run: $(VENV)/.installed-run
	mkdir -p var
	$(PY) manage.py migrate --noinput --verbosity 0
	$(PY) manage.py load_demo
	$(PY) manage.py ensure_local_admin --site-url http://$(HOST):$(PORT)
	$(PY) manage.py runserver $(HOST):$(PORT)

## The whole suite. DATABASE_URL=postgres://… runs it on PostgreSQL.
## The browser layer needs Chromium, Java and Node (scripts/browser-deps installs them, as root);
## without them its tests are skipped with a message saying so, except under CI, where they fail.
## One pytest-xdist worker per core, each with its own test database; tests are handed out one
## at a time (loadgroup: tests marked xdist_group stay together). `make test PYTEST_ARGS=-n0`
## runs it in one process.
PYTEST_ARGS ?=
test: $(VENV)/.installed-dev
	@scripts/browser-deps || echo "make test: scripts/browser-deps could not install everything; browser tests will say what is missing."
	DJANGO_ENV=local $(PY) -m pytest -n auto --dist loadgroup $(PYTEST_ARGS)

## Lint, format check, migration check and translation check, as CI runs them. The last step
## fails on an untranslated or fuzzy entry in locale/, or on a .mo that says other than its .po.
check: $(VENV)/.installed-dev
	mkdir -p var
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_ENV=local $(PY) manage.py makemigrations --check --dry-run
	DJANGO_ENV=local $(PY) manage.py check
	$(PY) scripts/messages.py check

## Extract the Russian strings into locale/ru/LC_MESSAGES/django.po, then compile its .mo (with polib).
## makemessages needs GNU gettext (xgettext, msgmerge: apt package gettext); the compile step and
## `make check` do not, so commit both the .po and the .mo.
messages: $(VENV)/.installed-dev
	DJANGO_ENV=local $(PY) manage.py makemessages -l ru --no-obsolete --add-location file --ignore=tests --ignore=node_modules --ignore=bench
	$(PY) scripts/messages.py compile

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## Start again from an empty local database (demo content is reloaded by `make run`), and an
## empty page cache (its pages were of the old database).
clean-db:
	rm -rf var/db.sqlite3 var/cache
