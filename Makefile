# Two commands for a fresh machine (Python 3.11+, Node.js with npm):
#   make run   – set up, migrate, load demo content, create an admin, serve http://127.0.0.1:8000
#   make test  – set up, lint, check, and run the whole suite on SQLite and on PostgreSQL
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .stamps
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= 2

.PHONY: setup run test lint check test-sqlite test-postgres messages catalogue clean

setup: $(STAMPS)/python $(STAMPS)/node messages

$(STAMPS)/python: requirements.txt
	@mkdir -p $(STAMPS)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(STAMPS)/node: package.json package-lock.json
	@mkdir -p $(STAMPS)
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Browser tests drive Debian's Chromium (never a browser downloaded by Playwright).
$(STAMPS)/chromium:
	@mkdir -p $(STAMPS)
	command -v chromium >/dev/null 2>&1 || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }
	@touch $@

messages: $(STAMPS)/python
	cd $(CURDIR) && $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

run: setup
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_demo
	$(PY) manage.py ensure_admin
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: $(STAMPS)/python
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: setup
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py makemigrations --check --dry-run -v0

test-sqlite: setup $(STAMPS)/chromium
	DATABASE_URL= $(PY) -m pytest -n $(PYTEST_WORKERS) -p no:cacheprovider

test-postgres: setup $(STAMPS)/chromium
	$(PY) -m tests.postgres -- $(PY) -m pytest -n $(PYTEST_WORKERS) -p no:cacheprovider

test: setup lint check test-sqlite test-postgres

clean:
	rm -rf $(VENV) node_modules $(STAMPS) staticfiles

# Refresh the Vietnamese catalogue from the code, take translations from locale/drafts/*.po,
# and list what is still untranslated.
catalogue: $(STAMPS)/python
	@# templates/wagtailadmin/ holds copies of Wagtail's templates (tests/test_admin_templates.py):
	@# their strings are Wagtail's, translated in cms/admin_locale/.
	$(PY) manage.py makemessages -l vi --no-location --ignore=.venv --ignore=node_modules \
		--ignore=staticfiles --ignore=locale --ignore=tests --ignore=templates/wagtailadmin/home.html \
		--ignore=templates/wagtailadmin/shared --ignore=templates/wagtailadmin/tables \
		--ignore=templates/wagtailadmin/pages
	$(PY) manage.py makemessages -l vi -d djangojs --no-location --ignore=.venv \
		--ignore=node_modules --ignore=staticfiles --ignore=static/vendor
	@# makemessages guesses "fuzzy" translations from similar strings; never ship a guess.
	for po in locale/vi/LC_MESSAGES/django.po locale/vi/LC_MESSAGES/djangojs.po; do \
		msgattrib --clear-fuzzy --empty -o $$po $$po && \
		msgmerge --quiet --no-fuzzy-matching --backup=none $(addprefix -C ,$(wildcard locale/drafts/*.po)) \
			--update $$po $$po && \
		msgfmt --check --statistics -o /dev/null $$po && \
		msgattrib --untranslated --no-obsolete $$po || exit 1; \
	done

# The editor's guide's screenshots (cms/static/guide/*.png), retaken by the admin walk.
.PHONY: guide
guide: setup $(STAMPS)/chromium
	SOHOA_GUIDE_SCREENSHOTS=1 DATABASE_URL= $(PY) -m pytest -p no:cacheprovider -q \
		tests/test_admin_walk_browser.py
