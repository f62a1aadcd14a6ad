# Wijkkracht: everything a newcomer needs. `make run` and `make test` work on a
# fresh machine with Python 3.11 and no root.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
FONTS := var/fonts/fonts.css
DEV_STAMP := $(VENV)/.installed-dev
LOCALE_PO := $(wildcard wijkkracht/locale/*/LC_MESSAGES/django.po)
LOCALE_MO := $(LOCALE_PO:.po=.mo)
export PYTHONDONTWRITEBYTECODE := 1
PORT ?= 8000

.PHONY: run test test-browser demo lint bench messages compilemessages collectstatic clean fonts

# Two stamps: `make run` needs only what the site runs on; the tests and lint add the
# dev extras on top, once.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e .
	touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(DEV_STAMP)

# Compiled catalogues are built, not committed.
%.mo: %.po $(STAMP)
	$(PY) -m wijkkracht.core.msgfmt $< $@

compilemessages: $(LOCALE_MO)

# The PDFs' fonts, from the npm registry (pinned and hashed in wijkkracht/core/pdf_fonts.py),
# so a PDF looks the same on every machine whatever fonts it has.
$(FONTS): wijkkracht/core/pdf_fonts.py | $(STAMP)
	$(PY) -m wijkkracht.core.pdf_fonts var/fonts

fonts: $(FONTS)

run: demo
	@echo "Sign in: ask for a link on the site; in development the mail appears in this terminal."
	@# A worker beside the server sends the mail (as in production); it stops with the server.
	DEBUG=1 $(PY) manage.py db_worker --interval 1 --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

# migrate and every loader in one process: one Django start-up instead of seven.
demo: $(STAMP) compilemessages $(FONTS)
	DEBUG=1 $(PY) manage.py setup_demo

test: $(DEV_STAMP) compilemessages $(FONTS)
	$(PY) -m pytest -m "not browser"

test-browser: $(DEV_STAMP) compilemessages $(FONTS)
	$(PY) -m pytest -m browser

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: $(STAMP) compilemessages $(FONTS)
	$(PY) bench/home.py
	$(PY) bench/guides.py
	$(PY) bench/venues.py
	$(PY) bench/practices.py
	$(PY) bench/impact.py
	$(PY) bench/fresh_start.py

# Refresh the .po files after changing UI text; then translate the new entries.
messages: $(STAMP)
	cd wijkkracht && DEBUG=1 ../$(PY) ../manage.py makemessages --no-obsolete --no-location \
	  -l en -l ar -l tr -l bg

collectstatic: $(STAMP)
	$(PY) manage.py collectstatic --noinput

clean:
	rm -rf $(VENV) var staticfiles test-artifacts
