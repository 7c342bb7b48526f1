# The two set-up commands (see README.md), plus the benchmark and the profile.
.PHONY: serve test bench profile

serve:
	@scripts/serve.sh

test:
	@scripts/test.sh

bench:
	@scripts/bench.sh

profile:
	@scripts/profile.sh
