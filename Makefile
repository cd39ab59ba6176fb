# The two jobs of the README. Each sets up its own virtual environment in .venv.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: setup site test bench clean

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

setup: $(PY)
	$(PY) -m pip install -q -e ".[site,test]"

# Main job: lint the example corpus, then build the site with --strict.
site: setup
	$(VENV)/bin/postmortem lint postmortems/
	$(VENV)/bin/mkdocs build --strict

# Tests: the whole suite (unit, rule fixtures, CLI, pre-commit, site build, browser).
test: setup
	$(PY) -m pytest -q

bench: setup
	$(PY) benchmarks/run_all.py $(ARGS)

clean:
	rm -rf $(VENV) site build *.egg-info
