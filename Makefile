# plmscope — two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
BENCH_VENV := .venv-bench
CHROMIUM := /usr/bin/chromium

.PHONY: demo test bench browser r-peer clean help

help:
	@echo "make demo   - create .venv, install, score the bundled example night, write a report"
	@echo "make test   - create .venv if needed, check the import layers, run the whole test suite"
	@echo "make bench  - speed and accuracy benchmarks (full nights; peers in $(BENCH_VENV))"

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/plmscope demo --night examples/demo-night.edf --answers examples/answers-partner.yaml --out examples/demo-output

# Browser tests use the system Chromium; install it when missing (needs root, as on CI).
browser:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null); \
	  else echo "note: $(CHROMIUM) missing and not root: browser tests will be skipped"; fi; }
	@command -v pdftoppm >/dev/null || { [ "$$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null || true; }

test: $(STAMP) browser
	$(VENV)/bin/lint-imports --no-cache
	$(PY) -m pytest -n 2 -q

# The PLMScoRe benchmark runs the R peer with base R; install it when missing (needs root).
r-peer:
	@command -v Rscript >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends r-base-core >/dev/null); \
	  else echo "note: Rscript missing and not root: the PLMScoRe benchmark will be skipped"; fi; }

$(BENCH_VENV)/.installed: pyproject.toml
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet -e ".[pdf]" mne psgscoring
	touch $@

bench: $(STAMP) $(BENCH_VENV)/.installed r-peer
	$(BENCH_VENV)/bin/python benchmarks/bench_read.py
	$(BENCH_VENV)/bin/python benchmarks/bench_detect.py
	$(BENCH_VENV)/bin/python benchmarks/bench_pipeline.py
	$(BENCH_VENV)/bin/python benchmarks/bench_cli.py
	$(BENCH_VENV)/bin/python benchmarks/bench_report.py
	$(BENCH_VENV)/bin/python benchmarks/bench_cohort.py
	$(BENCH_VENV)/bin/python benchmarks/bench_accel.py
	$(BENCH_VENV)/bin/python benchmarks/bench_plmscore.py

clean:
	rm -rf $(VENV) $(BENCH_VENV) examples/demo-output .pytest_cache
