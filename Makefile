# KCK Assistant. `make run` starts everything on SQLite; `make test` runs every test.
SHELL := /bin/bash
export RASA_TELEMETRY_ENABLED := false
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test setup install model migrate lint check-services browser clean

run: setup
	$(PY) -m bot.stack --demo

test: setup browser
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(PY) -m pytest -p no:cacheprovider $(PYTEST_ARGS)

setup: install model migrate

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock scripts/setup.sh
	bash scripts/setup.sh

model: install
	$(PY) scripts/train_if_changed.py

migrate: install
	$(PY) -m bot.migrate

browser:
	bash scripts/ensure_chromium.sh

lint: install
	$(PY) -m ruff check .
	$(PY) -m mypy

clean:
	rm -rf models var .mypy_cache .ruff_cache
