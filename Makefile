# Training schedule planner — every target documents itself: `make help`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test
EXAMPLE ?= inputs/example

.PHONY: help plan test bench bench-mss bench-bureau test-bureau-cluster clean validate template \
	browser publish serve web fuzz \
	fuzz-witness fuzz-mutations

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

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

# The suite runs on every core (at most 4 worker processes: each plans the example once for its
# session fixtures); TEST_ARGS adds pytest options, e.g. TEST_ARGS="-n 0 -k feeds".
TEST_ARGS ?=
test: $(TSTAMP) browser ## install test extras and run the test suite (in parallel over the cores)
	$(PY) -m pytest -n auto --maxprocesses 4 $(TEST_ARGS)

# The summary's browser test drives the system's Chromium (a browser download by a test tool
# cannot reach the network here) and needs a CJK font for a readable screenshot. Quick when both
# are present; installs them with apt otherwise (CI runs as root on Debian).
browser: ## install Debian's chromium and a CJK font for the browser test, if missing
	@if command -v chromium >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q .; then :; \
	else (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
	      chromium fonts-wqy-microhei) || echo "WARNING: could not install chromium with apt;" \
	      "the browser test of the plan summary will be skipped"; fi

publish: $(STAMP) ## publish the example's planned feeds (versions and tokens live in state/)
	$(PY) -m planner publish outputs/$(notdir $(EXAMPLE))

serve: $(STAMP) ## serve the example's published feeds on 127.0.0.1:8080
	$(PY) -m planner serve outputs/$(notdir $(EXAMPLE))

web: $(STAMP) ## the office's web app for the example on 127.0.0.1:8090 (first: planner users add NAME)
	$(PY) -m planner web $(notdir $(EXAMPLE))

bench: $(TSTAMP) ## benchmark synthetic hospitals (planning with quality bounds, medians of 3; re-planning; calendars, feed server) and print tables
	$(PY) -m planner.bench $(BENCH_ARGS)
	-$(PY) -m planner.replan_bench $(REPLAN_BENCH_ARGS)  # reports, never stops the other benches
	@test -f outputs/example/plan/plan.json || $(PY) -m planner plan $(EXAMPLE)
	$(PY) -m planner.calendars.bench outputs/example

BUREAU_BENCH_ARGS ?= --hospitals 10 30 100
bench-bureau: $(TSTAMP) ## bench a city bureau of 10/30/100 synthetic hospitals: sequential vs Ray, estimates for 8 and 32 workers (long)
	nice -n 10 $(PY) -m planner.bureau.bench $(BUREAU_BENCH_ARGS)

test-bureau-cluster: $(TSTAMP) ## the bureau on a Ray head + worker started on this machine (about a minute; not in `make test`)
	PLANNER_RAY_CLUSTER_TEST=1 $(PY) -m pytest tests/bureau/test_ray.py

MSS_DATA ?=
bench-mss: $(STAMP) ## bench the months phase on the MSS instances: make bench-mss MSS_DATA=<copy of eugeniazanazzo/MSS_Data>
	@test -n "$(MSS_DATA)" || { echo "set MSS_DATA to a copy of github.com/eugeniazanazzo/MSS_Data"; exit 2; }
	$(PY) -m planner.mss_bench $(MSS_DATA) $(MSS_ARGS)

# Fuzzers (long; not part of `make test`, which runs a fast subset of each). Each suite is its
# own target and `fuzz` runs them all; each prints a verdict table and exits non-zero on any
# failure. FUZZ_JOBS planner runs at a time (default 2); FUZZ_ARGS goes to the mutation script
# (e.g. FUZZ_ARGS="--only xlsx --keep --json /tmp/fuzz.json"), WITNESS_ARGS to the witness one.
FUZZ_JOBS ?= 2
FUZZ_ARGS ?=
WITNESS_COUNT ?= 300
WITNESS_ARGS ?=

fuzz: fuzz-mutations fuzz-witness ## run every fuzz suite (long); fails on any traceback, hang, write on refusal, silent nonsense or refused witness

fuzz-mutations: $(TSTAMP) ## plan 400 single mutations of the example (CSV and workbook), print the verdict table
	$(PY) -m tests.fuzz.mutations --jobs $(FUZZ_JOBS) $(FUZZ_ARGS)

fuzz-witness: $(TSTAMP) ## plan 300 generated hospitals that each come with a plan (tests/fuzz/)
	$(PY) -m tests.fuzz.run_witness --count $(WITNESS_COUNT) --jobs $(FUZZ_JOBS) $(WITNESS_ARGS)

clean: ## remove generated outputs (never state/, which holds published plans and feed tokens)
	rm -rf outputs/ .pytest_cache build *.egg-info
	find . -name __pycache__ -type d -prune -not -path './$(VENV)/*' -exec rm -rf {} +
