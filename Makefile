# esgtext: two commands for a fresh machine, `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup demo test bench lexicon clean

setup: $(STAMP)

# torch first: 2.13.0 is a local CPU wheel; anything else pulls GBs of CUDA packages.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet "torch==2.13.0"
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: setup
	$(VENV)/bin/esgtext repair corpus/ -o demo-out/ --explain

test: setup
	$(PY) -m pytest -q

bench: setup
	$(PY) benchmarks/repair_speed.py

clean:
	rm -rf $(VENV) demo-out .pytest_cache
