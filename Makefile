# KCK Assistant. `make run` starts everything on SQLite; `make test` runs every test.
SHELL := /bin/bash
export RASA_TELEMETRY_ENABLED := false
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run run-cluster test bench setup install model migrate catalogs i18n lint check-services browser clean

run: setup
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
# and 200 concurrent conversations, peak memory; then the same load on the scale-out
# (bench/cluster.py, needs PostgreSQL, Redis, RabbitMQ); writes bench/results/. About 14 minutes.
bench: setup
	$(PY) -m bench $(BENCH_ARGS)
	$(PY) -m bench.cluster $(BENCH_CLUSTER_ARGS)

setup: install model migrate catalogs

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock scripts/setup.sh
	bash scripts/setup.sh

model: install
	$(PY) scripts/train_if_changed.py

migrate: install
	$(PY) -m bot.migrate

# The console's Polish texts (bot/console/i18n.py): the .mo is build output.
PO := bot/locale/pl/LC_MESSAGES/messages.po
catalogs: $(PO:.po=.mo)

$(PO:.po=.mo): $(PO) | install
	$(VENV)/bin/pybabel compile -d bot/locale

# After changing console texts: extract the message ids, merge them into the .po
# (then translate the new entries there), compile.
i18n: install
	$(VENV)/bin/pybabel extract -F babel.cfg -o bot/locale/messages.pot -w 100 \
	  --add-location=file --sort-by-file --project "KCK Assistant" --version 0.1.0 \
	  --copyright-holder "KCK Assistant" bot
	$(VENV)/bin/pybabel update -i bot/locale/messages.pot -d bot/locale -l pl -w 100
	$(MAKE) catalogs

browser:
	bash scripts/ensure_chromium.sh

lint: install
	$(PY) -m ruff check .
	$(PY) -m mypy

clean:
	rm -rf models var .mypy_cache .ruff_cache
