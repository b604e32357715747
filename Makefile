# warraq: the two commands a fresh machine needs are `make demo` and `make test`.
# Everything is installed into .venv (the sentinel is .venv/bin/python).

PYTHON ?= python3
VENV := .venv
VENV_BIN := $(abspath $(VENV))/bin
PY := $(VENV_BIN)/python
PIP := $(PY) -m pip
export VIRTUAL_ENV := $(abspath $(VENV))
export PATH := $(VENV_BIN):$(PATH)
# pip's cache is fine; the pip version check is noise.
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help demo test lint fmt rust-test py-test stubs-check build build-release wheel bench docs clean

help:
	@echo "make demo   - install into .venv, build (release), run the pipeline on examples/sample_corpus (and the pages and WARC of examples/web), write build/report.html"
	@echo "make test   - install the same way, then cargo fmt/clippy/test and pytest (stubs, doctests, parity)"
	@echo "make wheel  - build one abi3 wheel into dist/"
	@echo "make docs   - the documentation site into build/site (MkDocs, strict; the Rust API by cargo doc)"
	@echo "make bench  - benchmarks against the reference tools (needs ../shared)"

$(PY): pyproject.toml requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q -r requirements-dev.txt
	# camel-tools' text utilities import only these; its full install pulls torch/CUDA.
	$(PIP) install -q --no-deps camel-tools==1.6.0
	touch $(PY)

# Build the extension in release mode into the venv (editable: python/ is imported in place).
build-release: $(PY)
	rm -f python/warraq/*.so
	$(VENV_BIN)/maturin develop --release -q

demo: build-release
	$(PY) -m warraq.demo examples/sample_corpus --web examples/web
	$(PY) -m warraq report examples/sample_corpus -o build/report.html

fmt:
	cargo fmt --all

lint: $(PY)
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings

rust-test:
	cargo test --workspace

stubs-check: build-release
	$(PY) -m mypy.stubtest warraq._warraq --allowlist .mypy-stubtest-allowlist

py-test: build-release
	$(PY) -m pytest

test: lint rust-test py-test docs

# The site: the guide, the Python API (mkdocstrings, from the docstrings and stubs), the
# quickstart notebook executed, and the Rust API. Any warning (a broken link or reference) fails.
docs: build-release
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p warraq
	NO_MKDOCS_2_WARNING=1 $(VENV_BIN)/mkdocs build --strict

wheel: $(PY)
	$(VENV_BIN)/maturin build --release --out dist

bench: build-release
	$(PY) benchmarks/run.py $(BENCH)

clean:
	rm -rf $(VENV) target dist python/warraq/*.so

# The bundled entity model (docs/guide/entities.md). Deterministic: each target
# rewrites its file byte for byte from ../shared, and the check-* targets verify
# that the committed files are what they produce.
#   train-clusters: word clusters and vectors from ANT + SaudiNewsNet (~5 min)
#   train-ner:      dev-block scores, then the model trained on all of ANERcorp's
#                   train part with corpus profiles from the same corpora (~3 min)
#   cv-ner:         5-fold cross-validation over contiguous blocks (~8 min)
.PHONY: train-clusters train-ner cv-ner check-ner-model check-clusters
ANERCORP ?= ../shared/ner/anercorp/ANERCorp_CamelLab_train.txt
NER_UNLABELED ?= ../shared/corpora/antcorpus ../shared/corpora/saudinewsnet
NER_UNLABELED_ARGS = $(foreach c,$(NER_UNLABELED),--unlabeled $(c))
CLUSTERS_CMD = cargo run --release -p warraq --example train_clusters --
NER_CMD = cargo run --release -p warraq --example train_ner -- $(ANERCORP) $(NER_UNLABELED_ARGS)
train-clusters:
	$(CLUSTERS_CMD) crates/warraq/data/ner-clusters.bin $(NER_UNLABELED)
train-ner:
	$(NER_CMD) --final --out crates/warraq/data/ner-model.bin
cv-ner:
	$(NER_CMD) --folds 5
check-ner-model:
	mkdir -p build
	$(NER_CMD) --final --out build/ner-model.check.bin
	cmp build/ner-model.check.bin crates/warraq/data/ner-model.bin && echo "ner-model.bin: reproduced byte for byte"
check-clusters:
	mkdir -p build
	$(CLUSTERS_CMD) build/ner-clusters.check.bin $(NER_UNLABELED)
	cmp build/ner-clusters.check.bin crates/warraq/data/ner-clusters.bin && echo "ner-clusters.bin: reproduced byte for byte"

# Fuzzing (cargo-fuzz/libFuzzer; not part of CI). Each target runs FUZZ_SECONDS on
# seeds generated from examples/sample_corpus and ../shared. cargo-fuzz needs nightly
# features: RUSTC_BOOTSTRAP=1 lets the stable toolchain provide them. Crashes land in
# fuzz/artifacts/<target>/; minimise one with `cargo fuzz tmin <target> <file>` and
# commit it under crates/warraq/tests/fuzz_regressions/<target>/ (replayed by cargo test).
.PHONY: fuzz
FUZZ_SECONDS ?= 60
# Longer inputs add little coverage and slow the entity and corpus targets tenfold.
FUZZ_MAX_LEN ?= 4096
FUZZ_TARGETS ?= normalize tokenize sentences parse_document dates entities corpus_bytes warc vectorizer_load model_load html_page
fuzz:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	RUSTC_BOOTSTRAP=1 cargo fuzz build -O
	$(if $(wildcard $(PY)),$(PY),python3) fuzz/make_seeds.py
	for t in $(FUZZ_TARGETS); do \
		RUSTC_BOOTSTRAP=1 cargo fuzz run -O $$t fuzz/corpus/$$t -- \
			-max_total_time=$(FUZZ_SECONDS) -max_len=$(FUZZ_MAX_LEN) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 || exit 1; \
	done
