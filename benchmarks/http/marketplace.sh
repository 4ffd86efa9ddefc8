#!/usr/bin/env bash
# HTTP benchmark of the marketplace API on PostgreSQL: POST a load and POST a bid, each beside a bare
# endpoint of the same host measured in the same run. Run it through the test harness, which starts a
# throwaway PostgreSQL and Redis and cleans up after:
#
#   PAKLOAD_TEST_COMMAND=benchmarks/http/marketplace.sh scripts/test
#
# Knobs: DURATION (default 15s), CONNECTIONS (default 32), THREADS (default 2), CARRIERS (50), LOADS (1000).
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${PAKLOAD_TEST_POSTGRES:?run through scripts/test (see the header)}"
duration=${DURATION:-15s}; connections=${CONNECTIONS:-32}; threads=${THREADS:-2}
carriers=${CARRIERS:-50}; loads=${LOADS:-1000}
work=$(mktemp -d); trap 'kill "${api_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

pg_port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$PAKLOAD_TEST_POSTGRES")
psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -At "$@"; }
psql_ -d postgres -c "DROP DATABASE IF EXISTS pakload_bench WITH (FORCE)" -c "CREATE DATABASE pakload_bench" >/dev/null
db="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=pakload_bench;Maximum Pool Size=200"

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
  code=$(psql_ -d pakload_bench -c "SELECT arguments_json::json->>'code' FROM outbox WHERE recipient_phone='$e164' AND template_key='notifications.auth.code' ORDER BY created_at DESC LIMIT 1")
  curl -fs -X POST "$base/api/v1/auth/verify" -H 'Content-Type: application/json' \
    -d "{\"phone\":\"$1\",\"code\":\"$code\",\"name\":\"Bench $2\",\"role\":\"$2\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'
}
shipper=$(sign_in 03450000000 Shipper)
tomorrow=$(date -u -d tomorrow +%F)
load_body="{\"origin\":{\"city\":\"Karachi\"},\"destination\":{\"city\":\"Lahore\"},\"pickupFrom\":\"$tomorrow\",\"commodity\":\"Cotton\",\"weight\":20,\"weightUnit\":\"Ton\",\"vehicleClass\":\"22 wheeler\",\"rateMode\":\"Bids\",\"consigneeName\":\"Rana\",\"consigneePhone\":\"03217654321\"}"
{
  echo "return {"; echo "shipper = \"$shipper\","; echo "load_body = [[$load_body]],"
  echo "tokens = {"; for i in $(seq 1 "$carriers"); do printf '"%s",\n' "$(sign_in "0346$(printf %07d "$i")" Carrier)"; done; echo "},"
  echo "loads = {"; for _ in $(seq 1 "$loads"); do
    printf '"%s",\n' "$(curl -fs -X POST "$base/api/v1/loads" -H "Authorization: Bearer $shipper" -H 'Content-Type: application/json' -d "$load_body" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
  done; echo "},"; echo "}"
} >"$work/data.lua"

run() { # name script
  echo "--- $1"; BENCH_DATA="$work/data.lua" WRK_THREADS="$threads" wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "benchmarks/http/$2" "$base" | tee "$work/$1.txt"
}
run bare bare.lua
run post-load post-load.lua
run bare-again bare.lua
run place-bid place-bid.lua
echo "=== summary (requests/s, p99)"
for name in bare post-load bare-again place-bid; do
  printf '%-12s %10s rps  p99 %s\n' "$name" "$(awk '/Requests\/sec/ {print $2}' "$work/$name.txt")" "$(awk '$1=="99%" {print $2}' "$work/$name.txt")"
  grep -E "Non-2xx" "$work/$name.txt" || true
done
echo "rows: loads=$(psql_ -d pakload_bench -c 'select count(*) from loads') bids=$(psql_ -d pakload_bench -c 'select count(*) from bids')"
