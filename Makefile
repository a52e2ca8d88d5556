# tip-gms: `make run` builds everything, `make test` checks everything. Both set up .venv if needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
CORES ?= 2

.PHONY: run test lint bench fuzz clean lock fixtures random-fixtures renditions-check cluster-deps

run: $(INSTALLED)
	$(BIN)/snakemake --cores $(CORES)  # with workflow/profiles/default, which Snakemake finds by itself

# pytest exits 5 when it collects no tests: a vanished suite must not pass as green. The test files are spread
# over every core (pytest-xdist), each file whole in one worker so that its fixtures are built once.
test: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/vulture
	$(BIN)/snakemake --lint
	$(BIN)/pytest -n auto --dist loadfile -m "not fuzz" || { status=$$?; [ $$status -ne 5 ] || echo "make test: pytest collected no tests" >&2; exit $$status; }

# The PDF fuzzing suite's long run: 400 seeded mutations of the committed renditions (a fast subset of 48 runs
# in `make test`); about a minute.
fuzz: $(INSTALLED)
	$(BIN)/pytest -n auto -m fuzz tests/test_fuzz.py

# Not part of `make test`: takes minutes (it builds 1, 10 and 100 sources); writes outputs/bench.json.
bench: $(INSTALLED)
	$(BIN)/python scripts/bench.py

# The PDF renditions of the source that the PDF reader is tested on, each made by an independent typesetter
# (tests/renditions/). Not part of `make test`: the PDFs are committed, so CI needs no browser or office suite.
# Needs the Debian packages chromium, wkhtmltopdf, libreoffice-writer-nogui, libreoffice-impress-nogui.
RENDITIONS := tests/fixtures/renditions
fixtures: $(INSTALLED)
	$(BIN)/python -m tests.renditions.make_chromium $(RENDITIONS)/chromium_a4.pdf
	$(BIN)/python -m tests.renditions.make_wkhtmltopdf $(RENDITIONS)/wkhtmltopdf_letter.pdf
	$(BIN)/python -m tests.renditions.make_writer $(RENDITIONS)/writer_letter.pdf
	$(BIN)/python -m tests.renditions.make_impress $(RENDITIONS)/impress_16x9.pdf
	$(BIN)/python -m tests.scans.make_scans clean $(RENDITIONS)/chromium_a4.pdf tests/fixtures/scans/clean.pdf
	$(BIN)/python -m tests.scans.make_scans office $(RENDITIONS)/writer_letter.pdf tests/fixtures/scans/office.pdf
	$(BIN)/python -m tests.scans.make_scans library $(RENDITIONS)/impress_16x9.pdf tests/fixtures/scans/library.pdf
	$(BIN)/python -m tests.scans.make_scans twoup $(RENDITIONS)/wkhtmltopdf_letter.pdf tests/fixtures/scans/twoup.pdf

# Renditions in layouts drawn from seeds (tests/renditions/layout.py), committed for the engines CI does not
# have (reportlab's are typeset at test time, tests/test_random_renditions.py). Needs chromium and
# libreoffice-writer-nogui.
RANDOM_SEEDS := 11 12 13
random-fixtures: $(INSTALLED)
	$(BIN)/python -m tests.renditions.make_random chromium $(RANDOM_SEEDS)
	$(BIN)/python -m tests.renditions.make_random writer $(RANDOM_SEEDS)

# SEEDS fresh seeds from the clock, each typeset by every engine in its drawn layout, every dataset compared
# with the text's; prints pass or fail and the first problem for each (`--seed S` makes one again). Every
# layout feature is drawn; READ=today draws only those the reader reads today, as the tests do.
SEEDS ?= 5
READ ?= all
renditions-check: $(INSTALLED)
	$(BIN)/python -m tests.renditions.check --seeds $(SEEDS) $(if $(filter today,$(READ)),--read-today)

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/vulture
	$(BIN)/snakemake --lint

# The SLURM executor, for `--profile workflow/profiles/slurm` (docs/cluster.md): an install of
# its own, since Snakemake imports every installed executor plugin, on every run (requirements-cluster.txt).
cluster-deps: $(INSTALLED)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements-cluster.txt

# The virtual environment, from the pinned lock file, with this project installed in editable mode.
$(INSTALLED): requirements.lock pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "tip-gms needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# Re-pin after editing requirements.in: resolve in a scratch venv, freeze, and mirror into environment.yml.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet -r requirements.in
	.lock-venv/bin/python -m pip freeze --all | grep -vE '^(pip|wheel)==' > requirements.lock
	rm -rf .lock-venv
	$(PYTHON) scripts/environment_yml.py requirements.lock > environment.yml

clean:
	rm -rf outputs .snakemake
