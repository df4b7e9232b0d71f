# Two commands do all set-up: `make demo` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT ?= out
DOCS ?= 300
CORPUS ?=
BENCH_ARGS ?=

.PHONY: demo test bench install clean samples

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[postgres]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/readiness run samples/documents --out $(OUT)/demo-pack --store $(OUT)/demo-store.sqlite
	$(BIN)/readiness status --store $(OUT)/demo-store.sqlite
	@echo "Open $(OUT)/demo-pack/index.html in a browser; narratives are in $(OUT)/demo-pack/narratives/"

test: $(STAMP)
	$(BIN)/python -m pytest -q

samples: $(STAMP)
	$(BIN)/python samples/render.py

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run --docs $(DOCS) $(if $(CORPUS),--corpus $(CORPUS),) --out $(OUT)/bench.json $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(OUT)
