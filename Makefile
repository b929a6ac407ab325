# Varde: `make demo` and `make test` set up a fresh Debian machine themselves.
SWIFT ?= swift
DEPS := libncursesw5-dev libsqlite3-dev libcurl4-openssl-dev zlib1g-dev tmux tzdata locales python3 python3-venv
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build demo test screens bench clean fuzz fuzz-smoke fuzz-build

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
## console frames with their read (queue of 50,000 open alerts, 90-day trends) against 5 ms; a cold start
## to the first frame with 10 million observations against 200 ms (the cache is generated once and kept in
## .build-bench/caches, a few GB); idle CPU beside a live `varde sim` of 20,000 patients against 2 %.
## BENCH_OBSERVATIONS=100000 make bench for a quick run; the full run uses a million observations.
BENCH_OBSERVATIONS ?= 1000000
BENCH := .build-bench/release
bench: deps
	$(SWIFT) build -c release --scratch-path .build-bench --product varde-bench
	$(SWIFT) build -c release --scratch-path .build-bench --product varde
	$(BENCH)/varde-bench --observations $(BENCH_OBSERVATIONS) --json bench-results.json --varde $(BENCH)/varde

## Regenerate the golden screens in Screens/ deliberately, then read the diff.
screens: deps
	VARDE_UPDATE_SCREENS=1 $(SWIFT) test --filter GoldenScreenTests
	git --no-pager diff --stat -- Screens/

## Fuzzing (libFuzzer + AddressSanitizer) of everything that reads untrusted bytes: Tests/Fuzz/<target>/ holds
## each entry point, its seed corpus and dictionary. FUZZ_SECONDS per target (default 600); the corpora grown
## go to .build-fuzz/corpus/<target>, crashes to .build-fuzz/<target>-crash-*. `make fuzz-smoke` is 20 s each.
## The config target runs without leak detection and with more memory: TOMLKit's TOMLTable(string:) never frees
## its error record (about 150 bytes a refused text, once per start in Varde, a gigabyte in ten fuzzing minutes).
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= fhir-pages config terminal mapping
FUZZ := .build-fuzz
FUZZ_SAN := -sanitize=fuzzer,address
FUZZ_SWIFTC := swiftc $(FUZZ_SAN) -parse-as-library -g -O
# The page readers and what they decode into, compiled into one module with the entry point.
FUZZ_FHIR_SOURCES := $(addprefix Sources/Service/,JSONByteReader.swift FHIRByteReading.swift ObservationPageDecoder.swift \
  FHIRCarePlan+ByteReading.swift FHIRPatient+ByteReading.swift PageSplitter.swift FHIRBundle.swift FHIRResources.swift \
  FHIRCarePlan.swift KnownStrings.swift)
FUZZ_MAPPING_SOURCES := $(FUZZ_FHIR_SOURCES) $(addprefix Sources/Service/,ObservationMapping.swift CarePlanMapping.swift CarePlanCalendarMapping.swift \
  FHIRReferences.swift FHIRDateTime.swift FHIRProfile.swift)
FUZZ_TERMINAL_SOURCES := $(addprefix Sources/Terminal/,Key.swift KeyName.swift Theme.swift Style.swift Sanitiser.swift \
  BuiltinThemes.swift DisplayWidth.swift TextWrap.swift)
FUZZ_SPM := $(FUZZ)/debug

fuzz-build: deps
	@mkdir -p $(FUZZ)/bin && rm -f $(FUZZ)/bin/fuzz-*
	$(FUZZ_SWIFTC) -module-name FuzzTerminal -o $(FUZZ)/bin/fuzz-terminal Tests/Fuzz/terminal/*.swift $(FUZZ_TERMINAL_SOURCES) 2>&1 | grep -v 'Cannot export local symbol' || true
	$(SWIFT) build --scratch-path $(FUZZ) --target VardeConfig -Xswiftc -sanitize=fuzzer,address \
	  -Xcc -fsanitize=fuzzer-no-link,address -Xcxx -fsanitize=fuzzer-no-link,address
	$(FUZZ_SWIFTC) -I $(FUZZ_SPM)/Modules -I $(FUZZ_SPM)/CTOML.build -Xcc -fmodule-map-file=$(FUZZ_SPM)/CTOML.build/module.modulemap \
	  -o $(FUZZ)/bin/fuzz-config Tests/Fuzz/config/*.swift $(FUZZ_SPM)/VardeConfig.build/*.o $(FUZZ_SPM)/VardeDomain.build/*.o \
	  $(FUZZ_SPM)/TOMLKit.build/*.o $(FUZZ_SPM)/CTOML.build/Sources/*.o -lstdc++ 2>&1 | grep -v 'Cannot export local symbol' || true
	$(FUZZ_SWIFTC) -module-name FuzzFHIRPages -I $(FUZZ_SPM)/Modules -o $(FUZZ)/bin/fuzz-fhir-pages Tests/Fuzz/fhir-pages/*.swift \
	  $(FUZZ_FHIR_SOURCES) $(FUZZ_SPM)/VardeDomain.build/*.o 2>&1 | grep -v 'Cannot export local symbol' || true
	$(FUZZ_SWIFTC) -module-name FuzzMapping -I $(FUZZ_SPM)/Modules -o $(FUZZ)/bin/fuzz-mapping Tests/Fuzz/mapping/*.swift \
	  $(FUZZ_MAPPING_SOURCES) $(FUZZ_SPM)/VardeDomain.build/*.o 2>&1 | grep -v 'Cannot export local symbol' || true
	@for t in $(FUZZ_TARGETS); do test -x $(FUZZ)/bin/fuzz-$$t || { echo "fuzz-$$t did not build"; exit 1; }; done

## Each target in turn for FUZZ_SECONDS; stops at the first crash (its input is in .build-fuzz/).
fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ)/corpus/$$t; \
	  dict=""; [ -f Tests/Fuzz/$$t/$$t.dict ] && dict="-dict=Tests/Fuzz/$$t/$$t.dict"; \
	  leaks=""; asan=""; rss=2048; [ $$t = config ] && leaks="-detect_leaks=0" && asan="detect_leaks=0" && rss=6144; \
	  seeds=Tests/Fuzz/$$t/corpus; [ $$t = mapping ] && seeds="$$seeds Tests/Fuzz/fhir-pages/corpus" && dict="-dict=Tests/Fuzz/fhir-pages/fhir-pages.dict"; \
	  echo "== fuzz-$$t for $(FUZZ_SECONDS) s"; \
	  ASAN_OPTIONS=$$asan $(FUZZ)/bin/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -timeout=10 -rss_limit_mb=$$rss \
	    -print_final_stats=1 $$dict $$leaks -artifact_prefix=$(FUZZ)/$$t- $(FUZZ)/corpus/$$t $$seeds \
	    > $(FUZZ)/fuzz-$$t.log 2>&1 || { tail -60 $(FUZZ)/fuzz-$$t.log; exit 1; }; \
	  grep -E '^#[0-9]+.*(DONE|pulse|NEW)' $(FUZZ)/fuzz-$$t.log | tail -1; grep -E 'stat::number_of_executed_units' $(FUZZ)/fuzz-$$t.log; \
	done

fuzz-smoke:
	$(MAKE) fuzz FUZZ_SECONDS=20

clean:
	rm -rf .build .build-fuzz
