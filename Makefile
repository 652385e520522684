# Single entry point: `make site` builds the whole site with its PDFs, `make test` runs all tests.
SHELL := /bin/bash
PY := .venv/bin/python
# V=1 shows the engine's and its plugins' INFO lines; by default each stage prints one line
# (warnings and errors always show).
QUIET := $(if $(V),,-q)
export PYTHONDONTWRITEBYTECODE := 1
export NO_MKDOCS_2_WARNING := 1

.PHONY: help setup setup-test site html glossary fonts pdf serve test check translations bench fresh-machine zensical-preview clean

help: ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14

setup: ## Install Debian packages and the pinned Python environment (.venv)
	@scripts/setup.sh site

setup-test: ## Setup, plus what the browser tests need (Chromium)
	@scripts/setup.sh test

glossary: setup ## Regenerate the glossary pages from docs/includes/glossary.yml
	@$(PY) -m scripts.build_glossary

fonts: setup ## Remake the web fonts and fonts.css from scripts/fonts/ (after changing scripts/build_fonts.py)
	@$(PY) -m scripts.build_fonts

html: glossary ## Build the HTML site only (strict)
	@echo "html: building the Russian and Kyrgyz pages (ProperDocs, strict)"
	@$(PY) -m properdocs build --strict -f mkdocs.yml $(QUIET)
	@$(PY) -m scripts.split_search

pdf: ## Build the PDF books and printables from the built HTML (after `make html`)
	@$(PY) -m scripts.build_pdfs

site: html ## Build the whole site into site/ with its PDFs and offline ZIPs
	@$(PY) -m scripts.build_pdfs
	@$(PY) -m scripts.build_offline
	@echo "site: built into site/ (open site/index.html, Kyrgyz: site/ky/index.html)"

serve: glossary ## Live preview while editing (http://127.0.0.1:8000)
	@$(PY) -m properdocs serve -f mkdocs.yml

test: setup-test site ## Build everything, then run the whole test suite
	@$(PY) -m pytest -q tests

translations: setup ## Translation status of every page (STRICT=1: fail when a Kyrgyz page is missing)
	@$(PY) -m scripts.translations $(if $(STRICT),--strict)

check: setup ## Editors' checks: Markdown lint, glossary terms, Kyrgyz letters, legal facts, Russian spelling, translations
	@$(PY) -m scripts.check_sources
	@$(PY) -m scripts.legal_facts
	@$(PY) -m scripts.check_spelling
	@.venv/bin/pymarkdown --config .pymarkdown.json scan -r docs
	@$(PY) -m scripts.translations --strict >/dev/null

bench: setup-test site ## Measure build times, sizes and Lighthouse scores (figures go into the README)
	@$(PY) -m scripts.bench

fresh-machine: ## Rehearse the README on a fresh Debian 12 root (debootstrap; root, 10-20 min, downloads; not in make test)
	@scripts/fresh_machine.sh

zensical-preview: ## Rehearse Zensical 0.0.73: build into site-zensical/, run the HTML checks, see ZENSICAL.md (not in make test)
	@PY=$(PY) scripts/zensical_preview.sh

clean: ## Remove build output
	rm -rf site .pytest_cache
