# The two set-up commands (see README.md), plus the benchmark.
.PHONY: serve test bench

serve:
	@scripts/serve.sh

test:
	@scripts/test.sh

bench:
	@scripts/bench.sh
