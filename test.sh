#!/usr/bin/env bash
# Runs every test: sets up what is missing (packages, native shims, build), then the xunit suites.
# Extra arguments go to `dotnet test` (e.g. --filter "Category!=Gpu").
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/scripts/bootstrap.sh"
bootstrap_all test

log="$LG_ROOT/artifacts/test.log"
set +e
# Hardware tests need a DeckLink card and never run here.
dotnet test "$LG_ROOT/LiveGrade.sln" -c "$LG_CONFIG" --no-build -nologo --filter "Category!=Hardware" "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
# One closing line for the whole run, summed over the test assemblies.
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit $rc
