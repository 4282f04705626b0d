# Training schedule planner — every target documents itself: `make help`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test
EXAMPLE ?= inputs/example

.PHONY: help plan test bench clean validate template

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(TSTAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

plan: $(STAMP) ## plan the bundled example into outputs/example/
	$(PY) -m planner plan $(EXAMPLE)

validate: $(STAMP) ## validate the bundled example's inputs
	$(PY) -m planner validate $(EXAMPLE)

template: $(STAMP) ## write an empty input workbook to outputs/template.xlsx
	$(PY) -m planner template outputs/template.xlsx

test: $(TSTAMP) ## install test extras and run the test suite
	$(PY) -m pytest

bench: $(STAMP) ## benchmark synthetic hospitals and print a table
	$(PY) -m planner.bench

clean: ## remove generated outputs (never state/, which holds published plans and feed tokens)
	rm -rf outputs/ .pytest_cache build *.egg-info
	find . -name __pycache__ -type d -prune -not -path './$(VENV)/*' -exec rm -rf {} +
