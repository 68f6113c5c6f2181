# The two commands of the README. Both work on a fresh machine with python3 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

# The sample corpus: every folder of examples/ but the gold answers.
CORPUS := $(filter-out examples/gold/,$(wildcard examples/*/))

demo: $(STAMP)
	$(BIN)/bilateral ingest $(CORPUS) --db demo.db
	$(BIN)/bilateral summary --pair KH,KR --db demo.db

test: $(STAMP)
	$(BIN)/ruff check bilateral tests benchmarks
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check bilateral tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/extract_speed.py

clean:
	rm -rf $(VENV) build *.egg-info
