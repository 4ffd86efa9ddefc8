#!/usr/bin/env bash
# HTTP benchmark of the marketplace API on PostgreSQL: POST a load and POST a bid, each beside a bare
# endpoint of the same host measured in the same run. Run it through the test harness, which starts a
# throwaway PostgreSQL and Redis and cleans up after:
#
#   PAKLOAD_TEST_COMMAND=benchmarks/http/marketplace.sh scripts/test
#
# Knobs: DURATION (default 10s), WARMUP (20s per endpoint before the sweep: tiered JIT needs that long on 2 cores), CONNECTION_SWEEP (default "8 16 32"), THREADS (2), CARRIERS (100), LOADS (1000).
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${PAKLOAD_TEST_POSTGRES:?run through scripts/test (see the header)}"
duration=${DURATION:-10s}; threads=${THREADS:-2}
carriers=${CARRIERS:-100}; loads=${LOADS:-1000}
work=$(mktemp -d); trap 'kill "${api_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

pg_port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$PAKLOAD_TEST_POSTGRES")
psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -At "$@"; }
psql_ -d postgres -c "DROP DATABASE IF EXISTS pakload_bench WITH (FORCE)" -c "CREATE DATABASE pakload_bench" >/dev/null
db="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=pakload_bench;Maximum Pool Size=200${PG_EXTRA:-}"

dotnet build -c Release src/Api/PakLoad.Api -v q -nologo >/dev/null
port=5099; base="http://127.0.0.1:$port"
ConnectionStrings__Postgres="$db" ConnectionStrings__Redis="$PAKLOAD_TEST_REDIS" PakLoad__MigrateAtStart=true \
PakLoad__DataDirectory="$work" PakLoad__RateLimit__PerSecond=1000000 PakLoad__RateLimit__Burst=1000000 \
PakLoad__RateLimit__SignInPerMinute=100000 PakLoad__Benchmarks__BareEndpoint=true Logging__LogLevel__Default=Warning \
  dotnet src/Api/PakLoad.Api/bin/Release/net10.0/PakLoad.Api.dll --urls "$base" >"$work/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 120); do curl -fs "$base/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "$base/health/ready" >/dev/null || { cat "$work/api.log"; exit 1; }

# Sign parties in through the real endpoints; the one-time code is read back from the outbox.
sign_in() { # phone role → access token
  curl -fs -X POST "$base/api/v1/auth/code" -H 'Content-Type: application/json' -d "{\"phone\":\"$1\"}" >/dev/null
  local e164="+92${1:1}" code
  # From the outbox row while it is pending; once delivered the outbox blanks it ('*…'): then from the words sent.
  code=$(psql_ -d pakload_bench -c "
    WITH o AS (SELECT arguments_json::json->>'code' AS code, dedupe_key FROM outbox
               WHERE recipient_phone='$e164' AND template_key='notifications.auth.code' ORDER BY created_at DESC LIMIT 1)
    SELECT CASE WHEN o.code NOT LIKE '*%' THEN o.code ELSE (SELECT substring(c.payload from '(?:^|[^0-9])([0-9]{6})(?:[^0-9]|$)')
      FROM channel_outbound c WHERE c.dedupe_key = 'outbox:' || o.dedupe_key ORDER BY c.id DESC LIMIT 1) END FROM o")
  curl -fs -X POST "$base/api/v1/auth/verify" -H 'Content-Type: application/json' \
    -d "{\"phone\":\"$1\",\"code\":\"$code\",\"name\":\"Bench $2\",\"role\":\"$2\"}" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p'
}
post_load() { # → the new load's id (the first "id" of the LoadView)
  curl -fs -X POST "$base/api/v1/loads" -H "Authorization: Bearer $shipper" -H 'Content-Type: application/json' -d "$load_body" | sed -n 's/^{"id":"\([^"]*\)".*/\1/p'
}
export -f post_load
shipper=$(sign_in 03450000000 Shipper)
tomorrow=$(date -u -d tomorrow +%F)
load_body="{\"origin\":{\"city\":\"Karachi\"},\"destination\":{\"city\":\"Lahore\"},\"pickupFrom\":\"$tomorrow\",\"commodity\":\"Cotton\",\"weight\":20,\"weightUnit\":\"Ton\",\"vehicleClass\":\"22 wheeler\",\"rateMode\":\"Bids\",\"consigneeName\":\"Rana\",\"consigneePhone\":\"03217654321\"}"
{
  echo "return {"; echo "shipper = \"$shipper\","; echo "load_body = [[$load_body]],"
  echo "tokens = {"; for i in $(seq 1 "$carriers"); do printf '"%s",\n' "$(sign_in "0346$(printf %07d "$i")" Carrier)"; done; echo "},"
  echo "loads = {"; export base shipper load_body
  seq 1 "$loads" | xargs -P 8 -I{} bash -c 'printf "\"%s\",\n" "$(post_load)"'; echo "},"; echo "}"
} >"$work/data.lua"

grep -c '^"[0-9a-f-]\{36\}",$' "$work/data.lua" | xargs echo "seeded tokens + loads:"
offset=0
used_pairs() { # wrk output; every bid is a fresh (carrier, load) pair: the next run starts after the pairs this one used
  [[ $1 == *place-bid* ]] || return 0
  offset=$((offset + $(awk '/requests in/ {print $1}' "$1") + 100))
  ((offset < carriers * loads)) || { echo "out of fresh (carrier, load) pairs: raise CARRIERS or LOADS" >&2; exit 1; }
}
# A posted load is fanned out to matching carriers and a bid notifies its shipper after the request has answered
# (a queue in the host, the outbox). Each run starts once the host has finished the previous run's follow-up work
# (under 5 % of a core for a whole second, at most 120 s), so a run neither pays for the previous one's backlog nor
# leaves its own out of sight: the wait is printed.
settle() {
  local start=$SECONDS before after
  for _ in $(seq 120); do
    before=$(awk '{print $14 + $15}' "/proc/$api_pid/stat"); sleep 1; after=$(awk '{print $14 + $15}' "/proc/$api_pid/stat")
    (( after - before < 5 )) && break
  done
  printf '%-10s %ss until the host was idle\n' "(settle)" "$((SECONDS - start))"
}
run() { # name script connections
  settle
  BENCH_DATA="$work/data.lua" WRK_THREADS="$threads" BID_OFFSET="$offset" \
    wrk -t"$threads" -c"$3" -d"$duration" --latency -s "benchmarks/http/$2" "$base" >"$work/$1-c$3.txt"
  used_pairs "$work/$1-c$3.txt"
  printf '%-10s c=%-3s %10s rps  p50 %-9s p99 %-9s %s\n' "$1" "$3" \
    "$(awk '/Requests\/sec/ {print $2}' "$work/$1-c$3.txt")" "$(awk '$1=="50%" {print $2}' "$work/$1-c$3.txt")" \
    "$(awk '$1=="99%" {print $2}' "$work/$1-c$3.txt")" "$(grep -h 'Non-2xx' "$work/$1-c$3.txt" || true)"
}
# Warm-up, not recorded: every endpoint's first requests compile its request delegate, EF Core's queries and
# the JIT's tiered code; a 10-second run that starts cold measures that instead of the endpoint.
for script in bare post-load place-bid; do
  BENCH_DATA="$work/data.lua" WRK_THREADS="$threads" BID_OFFSET="$offset" \
    wrk -t"$threads" -c8 -d"${WARMUP:-20s}" -s "benchmarks/http/$script.lua" "$base" >"$work/warm-$script.txt"
  used_pairs "$work/warm-$script.txt"
done
echo "=== requests/s and latency, each endpoint beside the bare one, same host, same run"
for c in ${CONNECTION_SWEEP:-8 16 32}; do
  run bare bare.lua "$c"
  run post-load post-load.lua "$c"
  run place-bid place-bid.lua "$c"
done
echo "rows: loads=$(psql_ -d pakload_bench -c 'select count(*) from loads') bids=$(psql_ -d pakload_bench -c 'select count(*) from bids')"
