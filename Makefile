# warta: the two commands a new user needs are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint typecheck unit clean schema sysdeps

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[all,dev]'
	touch $(STAMP)

install: $(STAMP)  ## .venv with warta and every extra

demo: $(STAMP)  ## ingest the bundled sample corpus into warta.db and serve the web UI
	$(BIN)/warta ingest samples --db sqlite:///warta.db
	$(BIN)/warta entities --db sqlite:///warta.db --top 15
	$(BIN)/warta serve --db sqlite:///warta.db --host 127.0.0.1 --port 8000

lint: $(STAMP)
	$(BIN)/ruff check src tests training benchmarks scripts

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

sysdeps:  ## system packages the browser tests need (best effort: apt-get as root)
	bash scripts/system_deps.sh

test: sysdeps lint typecheck unit  ## the whole suite: ruff, mypy, pytest

schema: $(STAMP)  ## regenerate the committed JSON Schema from the Article type
	$(BIN)/warta schema > schema/warta.article-1.json

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
