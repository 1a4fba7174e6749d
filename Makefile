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
	$(PY) -m pip install --quiet -e '.[all,dev]'
	touch $(STAMP)

# Bilingual records for the sample corpus; without pulled models (`esgtext models pull`), the
# records are still written, untranslated (--allow-untranslated), and the demo says so.
DEMO_ARGS := corpus/ -o demo-out/ --format jsonl,tmx,moses --exclude 'reference/*' --exclude README.md
demo: setup
	@if $(PY) -c "import sys; from esgtext.translate import resolve_model; sys.exit(not all(resolve_model(p, check_hub=False).available for p in ('fr-en', 'zh-en')))"; then \
	  $(VENV)/bin/esgtext translate $(DEMO_ARGS); \
	else \
	  echo "make demo: no translation model in the model cache (run 'esgtext models pull' where the Hugging Face Hub is reachable); writing untranslated records with --allow-untranslated" >&2; \
	  $(VENV)/bin/esgtext translate $(DEMO_ARGS) --allow-untranslated; \
	fi

test: setup
	$(PY) -m pytest -q

# Speed and quality measurements (not tests); numbers are in the README. The translation and
# bulk benchmarks take minutes: run them by hand (benchmarks/translate_speed.py, bulk_run.py).
bench: setup
	$(PY) benchmarks/repair_speed.py
	$(PY) benchmarks/repair_quality.py
	$(PY) benchmarks/repair_news.py
	$(PY) benchmarks/repair_releases.py
	$(PY) benchmarks/repair_memory.py
	$(PY) benchmarks/language_quality.py
	$(PY) benchmarks/language_speed.py

# Regenerate the French data tables in src/esgtext/data/ (never edit them by hand; fr_terms.txt,
# a list of terms we wrote, is not generated). The bigram
# script needs Debian's French documentation packages, the word classes Debian's
# python3-grammalecte, the news counts, the word classes and the confidence table
# ../shared/data/wmt-news: see their docstrings.
lexicon: setup
	$(PY) scripts/build_french_lexicon.py
	$(PY) scripts/build_french_bigrams.py
	$(PY) scripts/build_french_news_counts.py
	$(PY) scripts/build_french_classes.py
	$(PY) scripts/build_french_a_gaps.py
	$(PY) scripts/build_french_participles.py
	$(PY) scripts/build_spanish_names.py
	$(PY) scripts/build_english_possessives.py
	$(PY) scripts/build_confidence_table.py

clean:
	rm -rf $(VENV) demo-out .pytest_cache build
