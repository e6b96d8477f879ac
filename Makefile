# `make test` is the project's test command (README, .ci/run): install, lint, type-check, test.
PYTHON ?= python3

.PHONY: install test lint demo

install:
	$(PYTHON) -m pip install --quiet -e '.[dev]'

lint:
	ruff check src tests bench scripts
	ruff format --check src tests bench scripts
	mypy

test: install
	bash .ci/install-browser.sh
	$(MAKE) lint
	$(PYTHON) -m pytest -q -p no:cacheprovider

demo:
	$(PYTHON) -m pip install --quiet -e .
	hadath code ../shared/seed/cairo-talks.txt --date 2024-02-10
