# Two commands do all set-up (see README):
#   make example   install genderscan in .venv and analyse the shipped example vision
#   make test      install genderscan with its test extras in .venv, lint (ruff, mypy) and run the tests
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: example test lint install browser-deps clean

$(BIN)/genderscan: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

install: $(BIN)/genderscan

example: install
	$(BIN)/genderscan analyse examples/regiovisie-voorbeeld.pdf

# Debian chromium + npm packages for tests/browser (skipped with a reason where impossible)
browser-deps:
	@sh scripts/install-browser-deps.sh

# ruff (pyflakes, complexity <= 15) and mypy on src/genderscan; settings in pyproject.toml
lint: install
	$(BIN)/ruff check src tests rules
	$(BIN)/mypy

test: install browser-deps lint
	$(BIN)/python -m pytest -n 2

clean:
	rm -rf $(VENV) .pytest_cache
