# Lantana: `make run` serves the demo site, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PORT

.DEFAULT_GOAL := help
.PHONY: help install migrate demo run test test-browser lint bench bench-beacon bench-chat lighthouse clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' -v port=$(PORT) \
		'{gsub(/\$$\(PORT\)/, port, $$2); printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e ".[test]"
	touch $@

# The interface's translations (locale/*/LC_MESSAGES/*.po), compiled with polib
# (compile_translations), so a machine without GNU gettext works too.
CATALOGUES := $(wildcard locale/*/LC_MESSAGES/*.po)
COMPILED := $(CATALOGUES:.po=.mo)

$(COMPILED): %.mo: %.po $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=lantana.settings.test $(PY) manage.py compile_translations

install: $(VENV)/.installed $(COMPILED) ## Create .venv, install everything, compile translations

migrate: install ## Apply database migrations
	$(PY) manage.py migrate --noinput -v 0

demo: migrate ## Load the demo content (safe to repeat)
	$(PY) manage.py load_demo

# uvicorn serves pages and the live chat's WebSockets on one port (in-memory channel
# layer); it restarts when Python code or a template changes. Static files come from
# the apps' folders through whitenoise (dev settings), uploads from media/.
RELOAD_DIRS := lantana home locations access articles contact staff wordpress demo templates

run: demo ## Set up and serve the site and live chat at http://127.0.0.1:$(PORT)
	@echo "Serving Lantana at http://127.0.0.1:$(PORT)/ (admin at /admin/, live chat at /admin/chats/)"
	@echo "Passkeys: open the admin as http://localhost:$(PORT)/admin/ (browsers refuse passkeys on an IP address)"
	DJANGO_SETTINGS_MODULE=lantana.settings.dev $(VENV)/bin/uvicorn lantana.asgi:application \
		--host 127.0.0.1 --port $(PORT) --lifespan off --reload \
		$(addprefix --reload-dir ,$(RELOAD_DIRS)) --reload-include '*.html'

lint: install ## Ruff, Django's checks and missing migrations
	$(VENV)/bin/ruff check .
	DJANGO_SETTINGS_MODULE=lantana.settings.test $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=lantana.settings.test $(PY) manage.py makemigrations --check --dry-run

test: lint ## Run the whole suite (DATABASE_URL selects PostgreSQL)
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest $(PYTEST_ARGS)

test-browser: install ## Run only the browser tests (Chromium + axe)
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest tests/browser $(PYTEST_ARGS)

bench: install ## Measure every page type on loopback (README: Performance)
	$(PY) bench/run.py

bench-beacon: install ## 1,000 insight beacons a second for 10 s on loopback (docs/benchmarks)
	$(PY) bench/beacon.py

bench-chat: install ## 50 live chats through 2 uvicorn processes + Redis (README: Performance)
	$(PY) bench/chat.py

lighthouse: install ## Lighthouse mobile on five pages, set up as bench does (README: Performance)
	$(PY) bench/lighthouse.py

clean: ## Remove the virtualenv, the SQLite database and generated files
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm media build screenshots staticfiles .demo-login .demo-intake-login
