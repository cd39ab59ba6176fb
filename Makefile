# The two jobs of the README. Each sets up its own virtual environment in .venv.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: setup site test test-lowest bench clean

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# Reinstall only when the packaging changed (the stamp is newer than pyproject.toml otherwise).
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e ".[site,test]"
	touch $@

# axe-core (npm), the accessibility checker the browser test runs in each kind of page. npm
# checks the package's integrity; only its one self-contained script is kept.
AXE_VERSION := 4.14.1
AXE := $(VENV)/axe-core-$(AXE_VERSION)/axe.min.js
$(AXE): | $(PY)
	rm -rf $(VENV)/axe-core-tmp && mkdir -p $(VENV)/axe-core-tmp $(dir $@)
	cd $(VENV)/axe-core-tmp && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null && tar -xzf axe-core-$(AXE_VERSION).tgz package/axe.min.js
	mv $(VENV)/axe-core-tmp/package/axe.min.js $@ && rm -rf $(VENV)/axe-core-tmp

setup: $(VENV)/.installed $(AXE)

# Main job: lint the example corpus, then build the site with --strict.
# NO_MKDOCS_2_WARNING: Material's end-of-life notice (May 2027), printed by every build, would
# bury the build's own warnings; leaving Material is a decision for the project, made once.
site: setup
	$(VENV)/bin/postmortem lint postmortems/
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict

# Tests: the whole suite (unit, rule fixtures, CLI, pre-commit, site build, browser).
test: setup
	$(PY) -m pytest -q

# The suite under the lowest dependency versions pyproject.toml declares (.ci/lowest-versions.txt),
# in a venv of its own. Left to `make test`: the browser and pre-commit tests, the hostile-site
# tests (their scan knows the current Material's own inline scripts), and the slow ones
# that test the project's own processes rather than what a dependency does (benchmark scripts,
# killed builds, cost scaling), which keeps CI within its time.
LOWEST ?= .venv-lowest
LOWEST_PYTHON ?= python3
test-lowest:
	test -x $(LOWEST)/bin/python || $(LOWEST_PYTHON) -m venv $(LOWEST)
	$(LOWEST)/bin/python -m pip install -q -c .ci/lowest-versions.txt -e ".[site,test]"
	$(LOWEST)/bin/python -m pytest -q -p no:cacheprovider --ignore=tests/test_browser.py --ignore=tests/test_browser_readers.py --ignore=tests/test_precommit.py \
		--ignore=tests/test_serve_dirty.py --ignore=tests/test_site_hostile.py --ignore=tests/test_site_engines.py \
		--ignore=tests/test_offline_site.py \
		--ignore=tests/test_benchmarks_smoke.py --ignore=tests/test_publish.py \
		--ignore=tests/test_scaling.py --ignore=tests/test_fix_properties.py

bench: setup
	$(PY) benchmarks/run_all.py $(ARGS)

clean:
	rm -rf $(VENV) $(LOWEST) site build *.egg-info
