# `make demo` and `make test` do every set-up step on a fresh Debian or Ubuntu machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test setup system-packages models lint benchmark eval clean

demo: setup
	$(BIN)/homeassist run --input samples/demo-commands.wav --output-dir out

test: setup
	$(BIN)/python -m pytest -q

setup: system-packages $(STAMP) models

system-packages:
	./scripts/install-system-packages.sh

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

models: $(STAMP)
	$(BIN)/homeassist models install

benchmark: setup
	$(BIN)/homeassist --log-level warning benchmark

eval: setup
	$(BIN)/homeassist eval

lint: $(STAMP)
	$(BIN)/ruff check homeassist tests
	$(BIN)/mypy homeassist

clean:
	rm -rf out
