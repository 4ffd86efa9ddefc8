#!/usr/bin/env bash
# Every benchmark recorded in docs/benchmarks.md, one after another on one set of throwaway servers, so a quiet
# machine is used for all of them in one sitting. Each writes its own log under $OUT (default /tmp/pakload-bench).
#
#   PAKLOAD_TEST_COMMAND=benchmarks/run-all.sh scripts/test
#
# Knobs: ONLY="marketplace ledger engine language matching-latency matching channels" (a subset, same names).
set -uo pipefail
cd "$(dirname "$0")/.."
: "${PAKLOAD_TEST_POSTGRES:?run through scripts/test (see the header)}"
out=${OUT:-/tmp/pakload-bench}; mkdir -p "$out"
only=${ONLY:-marketplace ledger engine language matching-latency matching channels}
dotnet build -c Release benchmarks/PakLoad.Benchmarks -v q -nologo >/dev/null
bench() { dotnet benchmarks/PakLoad.Benchmarks/bin/Release/net10.0/PakLoad.Benchmarks.dll "$@"; }
step() { # name command...
  local name=$1; shift
  [[ " $only " == *" $name "* ]] || return 0
  echo "=== $name ($(date -u +%H:%M:%S) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg))"
  "$@" >"$out/$name.log" 2>&1 || echo "    $name failed: see $out/$name.log"
  tail -n "${TAIL:-16}" "$out/$name.log" | sed 's/^/    /'
}
step marketplace bash benchmarks/http/marketplace.sh
step ledger bash -c 'bench() { dotnet benchmarks/PakLoad.Benchmarks/bin/Release/net10.0/PakLoad.Benchmarks.dll "$@"; }; bench ledger 10 8; bench ledger 10 4'
step engine bash -c 'b=benchmarks/PakLoad.Benchmarks/bin/Release/net10.0/PakLoad.Benchmarks.dll; env -u PAKLOAD_TEST_POSTGRES dotnet $b engine-turns 4000; dotnet $b engine-turns 4000'
step language bench --filter '*LanguageBenchmarks*' --job short
step matching-latency bench matching-latency
step matching bash benchmarks/http/matching.sh
step channels bash benchmarks/http/channels.sh
