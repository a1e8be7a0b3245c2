# The two commands of the README: `make run` and `make test`. Everything else is a step of theirs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install system-packages pdf-libraries database lint messages check-messages bench

# The task worker (e-mail, imports, booklets) runs beside the development server and stops with it.
run: database
	@echo "The portal is at http://$(HOST):$(PORT)/ (stop with Ctrl-C)."
	$(PY) manage.py db_worker --interval 2 & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver $(HOST):$(PORT)

test: install system-packages lint check-messages
	$(PY) manage.py makemigrations --check --dry-run
	@# pytest exits 5 when it collects no test: that is a failure here, not a pass.
	$(PY) -m pytest; status=$$?; if [ $$status -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi; exit $$status

install: $(VENV)/.installed pdf-libraries

# WeasyPrint (the programme booklets in PDF) needs Debian's Pango; installed when missing and allowed.
pdf-libraries: $(VENV)/.installed
	@if ! $(PY) -c "import weasyprint" >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Pango (for WeasyPrint) from Debian's packages..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null) \
	      || echo "could not install Pango: the PDF booklets cannot be built on this machine"; \
	  else echo "Pango is missing and not installable here: the PDF booklets cannot be built on this machine"; fi; \
	fi

# Debian's Chromium for the browser tests and gettext for the catalogue check, when this user may
# install them; otherwise those tests are skipped with the reason and the check says it is skipped.
system-packages:
	@if ! command -v chromium >/dev/null || ! command -v msgfmt >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing chromium and gettext from Debian's packages..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium gettext >/dev/null) \
	      || echo "could not install chromium and gettext: the tests that need them will be skipped"; \
	  else echo "chromium or gettext missing and not installable here: browser tests and catalogue check will be skipped"; fi; \
	fi

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $@

database: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_programme

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# Regenerate the catalogues after changing interface strings (needs GNU gettext).
messages: install
	for lang in fr ru en; do $(PY) manage.py makemessages -l $$lang --no-location --extension=html,txt,py,svg --ignore=.venv --ignore=tests; done
	$(PY) manage.py compilemessages --ignore=.venv

# The compiled .mo files are committed so that `make run` needs no gettext; they must match the .po files.
check-messages: install
	@if command -v msgfmt >/dev/null; then \
	  for po in locale/*/LC_MESSAGES/django.po; do \
	    msgfmt --check -o - "$$po" | cmp -s - "$${po%.po}.mo" || { echo "$${po%.po}.mo is stale: run make messages"; exit 1; }; \
	    test -z "$$(msgattrib --untranslated --no-obsolete "$$po")" || { echo "untranslated strings in $$po"; exit 1; }; \
	    test -z "$$(msgattrib --only-fuzzy --no-obsolete "$$po")" || { echo "fuzzy strings in $$po"; exit 1; }; \
	  done; \
	else echo "gettext is not installed: catalogue check skipped"; fi

# The benchmarks of docs/benchmarks.md (about 25 minutes; re-creates the database portal_bench; needs wrk).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal_bench

bench: install
	command -v wrk >/dev/null || apt-get install -y -qq wrk
	DJANGO_SETTINGS_MODULE=portal.settings.dev DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) benchmarks/generate.py
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) benchmarks/run.py
