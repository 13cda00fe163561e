# KCK Assistant. `make run` starts everything on SQLite; `make test` runs every test.
SHELL := /bin/bash
export RASA_TELEMETRY_ENABLED := false
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run run-cluster test bench setup install model migrate retention catalogs i18n lint check-services browser clean

run: setup
	-$(PY) -m bot.privacy.retention_cli
	$(PY) -m bot.stack --demo

# The scale-out on this machine: two Rasa, two action servers, two gateways on the
# local PostgreSQL, Redis and RabbitMQ (bot/cluster.py; README "Scale-out").
run-cluster: setup
	$(PY) -m bot.cluster --demo

test: setup browser
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(PY) -m pytest -p no:cacheprovider $(PYTEST_ARGS)

# Benchmark (bench/): NLU figures, load through the gateway and straight at Rasa at 10, 50
# and 200 concurrent conversations (some handing off to a simulated consultant), a ramp to
# 200 for the saturation throughput, peak memory; then the same load on the scale-out
# (bench/cluster.py, needs PostgreSQL, Redis, RabbitMQ); writes bench/results/. About 19 minutes.
bench: setup
	$(PY) -m bench $(BENCH_ARGS)
	$(PY) -m bench.cluster $(BENCH_CLUSTER_ARGS)

# Retention periods of personal data (bot/retention.yml, README "Dane osobowe"): the city
# schedules this daily; `make run` applies it at start (a failure there is reported, and the
# assistant starts anyway). RETENTION_ARGS=--dry-run only counts.
retention: migrate
	$(PY) -m bot.privacy.retention_cli $(RETENTION_ARGS)

setup: install model migrate catalogs

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock scripts/setup.sh
	bash scripts/setup.sh

model: install
	$(PY) scripts/train_if_changed.py

migrate: install
	$(PY) -m bot.migrate

# Interface texts in Polish, Ukrainian and English (README "Języki"): the console's
# (domain messages, bot/console/i18n.py) and the widget's (domain widget, served as JSON
# by bot/web/widget_i18n.py). The .mo files are build output.
LOCALES := pl uk en
DOMAINS := messages widget
PO := $(foreach l,$(LOCALES),$(foreach d,$(DOMAINS),bot/locale/$(l)/LC_MESSAGES/$(d).po))
catalogs: $(PO:.po=.mo)

# One catalog per target: bot/locale/<locale>/LC_MESSAGES/<domain>.mo
$(PO:.po=.mo): %.mo: %.po | install
	$(VENV)/bin/pybabel compile -d bot/locale -l $(word 3,$(subst /, ,$@)) -D $(basename $(notdir $@))

# After changing console or widget texts: extract the message ids, merge them into every
# locale's .po (then translate the new entries there: none may stay empty), compile.
EXTRACT := $(VENV)/bin/pybabel extract -F babel.cfg -w 100 --add-location=file --sort-by-file \
  --project "KCK Assistant" --version 0.1.0 --copyright-holder "KCK Assistant"
i18n: install
	$(EXTRACT) -o bot/locale/messages.pot bot
	$(EXTRACT) -o bot/locale/widget.pot bot/static
	for domain in $(DOMAINS); do for locale in $(LOCALES); do \
	  if [ -f bot/locale/$$locale/LC_MESSAGES/$$domain.po ]; then \
	    $(VENV)/bin/pybabel update -i bot/locale/$$domain.pot -d bot/locale -D $$domain -l $$locale -w 100 || exit 1; \
	  else \
	    $(VENV)/bin/pybabel init -i bot/locale/$$domain.pot -d bot/locale -D $$domain -l $$locale -w 100 || exit 1; \
	  fi; done; done
	$(MAKE) catalogs

browser:
	bash scripts/ensure_chromium.sh

lint: install
	$(PY) -m ruff check .
	$(PY) -m mypy

clean:
	rm -rf models var .mypy_cache .ruff_cache
