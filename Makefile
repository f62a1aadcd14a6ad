# Wijkkracht: everything a newcomer needs. `make run` and `make test` work on a
# fresh machine with Python 3.11 and no root.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
LOCALE_PO := $(wildcard wijkkracht/locale/*/LC_MESSAGES/django.po)
LOCALE_MO := $(LOCALE_PO:.po=.mo)
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test test-browser demo lint bench messages compilemessages collectstatic clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

# Compiled catalogues are built, not committed.
%.mo: %.po $(STAMP)
	$(PY) -m wijkkracht.core.msgfmt $< $@

compilemessages: $(LOCALE_MO)

run: $(STAMP) compilemessages
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py load_places
	DEBUG=1 $(PY) manage.py load_guides
	DEBUG=1 $(PY) manage.py load_demo
	DEBUG=1 $(PY) manage.py load_demo_venues
	DEBUG=1 $(PY) manage.py load_practices
	DEBUG=1 $(PY) manage.py load_demo_impact
	@echo "Sign in: ask for a link on the site; in development the mail appears in this terminal."
	@# A worker beside the server sends the mail (as in production); it stops with the server.
	DEBUG=1 $(PY) manage.py db_worker --interval 1 --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

demo: $(STAMP) compilemessages
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py load_places
	DEBUG=1 $(PY) manage.py load_guides
	DEBUG=1 $(PY) manage.py load_demo
	DEBUG=1 $(PY) manage.py load_demo_venues
	DEBUG=1 $(PY) manage.py load_practices
	DEBUG=1 $(PY) manage.py load_demo_impact

test: $(STAMP) compilemessages
	$(PY) -m pytest -m "not browser"

test-browser: $(STAMP) compilemessages
	$(PY) -m pytest -m browser

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: $(STAMP) compilemessages
	$(PY) bench/home.py
	$(PY) bench/guides.py
	$(PY) bench/venues.py
	$(PY) bench/practices.py
	$(PY) bench/impact.py

# Refresh the .po files after changing UI text; then translate the new entries.
messages: $(STAMP)
	cd wijkkracht && DEBUG=1 ../$(PY) ../manage.py makemessages --no-obsolete --no-location \
	  -l en -l ar -l tr -l bg

collectstatic: $(STAMP)
	$(PY) manage.py collectstatic --noinput

clean:
	rm -rf $(VENV) var staticfiles test-artifacts
