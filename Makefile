# The two set-up commands (see README.md), plus the benchmark, the profile and mutation testing.
.PHONY: serve test bench profile mutants

serve:
	@scripts/serve.sh

test:
	@scripts/test.sh

bench:
	@scripts/bench.sh

profile:
	@scripts/profile.sh

mutants:
	@scripts/mutants.sh
