# One command per task; the same commands run in CI and on a laptop.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SPHINXOPTS ?= -W -n --keep-going
# Whole builds read and write in parallel. A preview rebuilds a post or two, and reading one
# document in a worker costs more than it saves (the worker sends the environment back).
JOBS ?= -j auto
BUILDDIR := _build
HOST ?= 127.0.0.1
PORT ?= 8000

LIGHTHOUSE := benchmarks/audit/node_modules/.bin/lighthouse

.PHONY: help html dist serve newsletter test versions bench audit clean

help:
	@echo "make serve   build the archive and serve it at http://$(HOST):$(PORT) with live reload"
	@echo "make html    build the archive into $(BUILDDIR)/html (warnings are errors)"
	@echo "make dist    the tree to deploy, in $(BUILDDIR)/dist: the HTML without build state"
	@echo "make newsletter MONTH=YYYY-MM  the month's issue as an e-mail, in $(BUILDDIR)/newsletter"
	@echo "make test    run every test: unit, Sphinx roots, the whole site, the browser"
	@echo "make versions  build with the lowest and the latest allowed dependencies, compare"
	@echo "make bench   time builds of 250-1000 synthetic posts against plain Sphinx (minutes)"
	@echo "make audit   Lighthouse on the six landing pages, median of 3 runs, with thresholds"
	@echo "make clean   remove the build output"

# The virtual environment is made on first use and refreshed when pyproject.toml changes.
$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is needed (Python 3.11+)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

html: $(STAMP)
	$(BIN)/sphinx-build $(SPHINXOPTS) $(JOBS) -b html -d $(BUILDDIR)/doctrees . $(BUILDDIR)/html

# What is published: the HTML without Sphinx's build state (.buildinfo) or source copies.
dist: html
	rm -rf $(BUILDDIR)/dist
	cp -r $(BUILDDIR)/html $(BUILDDIR)/dist
	rm -rf $(BUILDDIR)/dist/.buildinfo $(BUILDDIR)/dist/.pprnet-generated $(BUILDDIR)/dist/.doctrees \
		$(BUILDDIR)/dist/_sources

serve: $(STAMP)
	$(BIN)/sphinx-autobuild $(SPHINXOPTS) -b html -d $(BUILDDIR)/doctrees \
		--host $(HOST) --port $(PORT) \
		--watch extensions --watch vocabulary.toml --watch references.bib \
		--re-ignore '(^|/)(\.venv|_build|tests|benchmarks|\.git)/' \
		. $(BUILDDIR)/html

# The month's issue as an e-mail (HTML, plain text, MIME), by the build's newsletter builder.
newsletter: $(STAMP)
	@test -n "$(MONTH)" || { echo "say which month: make newsletter MONTH=YYYY-MM"; exit 2; }
	$(BIN)/pprnet newsletter $(MONTH)

# Lighthouse 12 (pinned in benchmarks/audit/package-lock.json), for `make audit` and the
# accessibility, best-practices and SEO scores that `make test` checks. Needs Node 18.16+.
$(LIGHTHOUSE): benchmarks/audit/package.json benchmarks/audit/package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for Lighthouse (apt-get install npm)"; exit 1; }
	npm ci --prefix benchmarks/audit --no-audit --no-fund --loglevel=error
	touch $(LIGHTHOUSE)

test: $(STAMP) $(LIGHTHOUSE)
	$(BIN)/python -m pytest

# The archive built with the lowest and with the latest dependency versions that pyproject.toml
# allows, each in a throwaway environment under _build/versions, must be the same HTML once
# version strings and asset digests are normalised (.ci/compare_versions.py; about a minute).
versions:
	$(PYTHON) .ci/compare_versions.py

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(BENCHOPTS)

audit: $(STAMP) $(LIGHTHOUSE)
	$(BIN)/python benchmarks/audit.py $(AUDITOPTS)

clean:
	rm -rf $(BUILDDIR)
