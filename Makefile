# Varde: `make demo` and `make test` set up a fresh Debian machine themselves.
SWIFT ?= swift
DEPS := libncursesw5-dev libsqlite3-dev libcurl4-openssl-dev zlib1g-dev tmux tzdata locales python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build demo test screens bench clean

## Install the system libraries Varde links against, only those missing.
deps:
	@missing=""; for p in $(DEPS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build

## The main job: a simulated follow-up centre in the console.
demo: build
	.build/debug/varde demo

## Every test: domain tables, store, sync over loopback, golden screens, the binary in a real terminal.
## The tests' caches, homes and logs go to a temporary folder of their own, removed afterwards.
test: deps
	$(SWIFT) build --build-tests
	@folder=$$(mktemp -d /tmp/varde-tests.XXXXXX); TMPDIR=$$folder $(SWIFT) test; status=$$?; rm -rf $$folder; exit $$status

## Benchmarks (release build): initial-sync ingest against a raw-SQLite floor measured in the same run;
## console frames (queue of 50,000 alerts, 90-day trends) against 5 ms; the console's idle output.
## BENCH_OBSERVATIONS=100000 make bench for a quick run; the full run uses a million observations.
BENCH_OBSERVATIONS ?= 1000000
bench: deps
	$(SWIFT) build -c release --product varde-bench
	$(SWIFT) build -c release --product varde
	.build/release/varde-bench --observations $(BENCH_OBSERVATIONS) --json bench-results.json --varde .build/release/varde

## Regenerate the golden screens in Screens/ deliberately, then read the diff.
screens: deps
	VARDE_UPDATE_SCREENS=1 $(SWIFT) test --filter GoldenScreenTests
	git --no-pager diff --stat -- Screens/

clean:
	rm -rf .build
