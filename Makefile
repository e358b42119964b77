# myofeed: two commands on a fresh machine, `make run` and `make test`.
VENV   ?= .venv
PYTHON ?= python3
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# `make run PORT=18080 CONFIG=/etc/myofeed/myofeed.toml`: both optional. Without CONFIG the
# command's own default applies: $MYOFEED_CONFIG when exported, else config/myofeed.toml.
CONFIG ?=
PORT   ?=

.PHONY: install run test bench lint browser postgres axe clean

install: $(STAMP)

# reinstall only when the project's metadata or build changed (fast when nothing did); the build compiles
# the classifier's hot modules (setup.py): an edited one runs from its .py until the next install
$(STAMP): pyproject.toml setup.py
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

run: install
	$(VENV)/bin/myofeed $(if $(CONFIG),--config $(CONFIG)) run $(if $(PORT),--port $(PORT))

# browser tests need Debian's chromium + chromedriver; the script installs them when missing
browser:
	@sh scripts/install-browser.sh

# PostgreSQL tests start a private cluster from Debian's postgresql package; the script installs it
# when missing. Without it those tests skip, saying why (in CI, where CI is set, they fail instead).
postgres:
	@sh scripts/install-postgres.sh || { test -z "$$CI" && echo "make: PostgreSQL could not be installed; its tests will be skipped" >&2; }

# the accessibility tests inject axe-core (npm registry, pinned by scripts/axe/package-lock.json)
axe:
	@sh scripts/install-axe.sh || { test -z "$$CI" && echo "make: axe-core could not be installed; the accessibility test will be skipped" >&2; }

# the whole suite (storage contract tests on both backends), then what uses a database again on PostgreSQL
PG_TESTS := tests/test_ingest.py tests/digest tests/web tests/cli tests/hostile

test: install browser postgres axe
	$(PY) -m pytest -n auto -p no:cacheprovider
	$(PY) -m pytest -n auto -p no:cacheprovider -q --backend postgresql -m "not browser" $(PG_TESTS)

bench: install postgres
	@$(PY) -c 'import reader, sgmllib, psutil' 2>/dev/null || $(PY) -m pip install -q --disable-pip-version-check -e '.[bench]'
	$(PY) benchmarks/run.py

lint: install
	$(VENV)/bin/ruff check src tests benchmarks scripts
	$(VENV)/bin/mypy src

clean:
	rm -rf $(VENV) build src/myofeed/classify/*.so src/myofeed/classify/_compiled.json data feeds/*.atom feeds/*.rss feeds/*.json feeds/*.html feeds/*.opml
