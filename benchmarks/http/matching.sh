#!/usr/bin/env bash
# HTTP benchmark of load search (issue 6): 1,000,000 loads in PostgreSQL, 150,000 of them open (so in the market
# index), spread like Pakistan's freight (28% Karachi, 20% Lahore, 10% Faisalabad, the rest by population).
# GET /api/v1/search/loads beside the bare endpoint of the same host in the same run. Run it through the harness:
#
#   PAKLOAD_TEST_COMMAND=benchmarks/http/matching.sh scripts/test
#
# Knobs: DURATION (default 15s), WARMUP (5s per endpoint, not recorded), CONNECTION_SWEEP (default "8 16 32"), THREADS (2), LOADS (1000000), OPEN (150000),
# PACED ("connections:pause-ms", default "16:30", about 500 requests/s), REUSE=1 keeps an already seeded database.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${PAKLOAD_TEST_POSTGRES:?run through scripts/test (see the header)}"
duration=${DURATION:-15s}; threads=${THREADS:-2}; loads=${LOADS:-1000000}; open=${OPEN:-150000}
work=$(mktemp -d); trap 'kill "${api_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

pg_port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$PAKLOAD_TEST_POSTGRES")
psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -At "$@"; }
seeded=$(psql_ -d pakload_bench_matching -c "select count(*) from loads" 2>/dev/null || echo 0)
if [[ "${REUSE:-0}" != 1 || "$seeded" == 0 ]]; then
  psql_ -d postgres -c "DROP DATABASE IF EXISTS pakload_bench_matching WITH (FORCE)" -c "CREATE DATABASE pakload_bench_matching" >/dev/null
  seeded=0
fi
db="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=pakload_bench_matching;Maximum Pool Size=200"

dotnet build -c Release src/Api/PakLoad.Api -v q -nologo >/dev/null
api_dll=src/Api/PakLoad.Api/bin/Release/net10.0/PakLoad.Api.dll
ConnectionStrings__Postgres="$db" PakLoad__DataDirectory="$work" Logging__LogLevel__Default=Warning dotnet "$api_dll" migrate >/dev/null

# Cities with cumulative weights, for SQL (the seed) and Lua (the queries).
python3 - "$work" <<'PY'
import json, sys
places = json.load(open("locales/lexicon/places.json", encoding="utf-8"))
hubs = {"karachi": 0.28, "lahore": 0.20, "faisalabad": 0.10}
rest = [p for p in places if p["id"] not in hubs]
pop = sum(p.get("population") or 300000 for p in rest)
rows, total = [], 0.0
for p in places:
    total += hubs.get(p["id"], 0.42 * (p.get("population") or 300000) / pop)
    rows.append((p["id"], p["lat"], p["lon"], min(total, 1.0)))
rows[-1] = rows[-1][:3] + (1.0,)
with open(sys.argv[1] + "/cities.sql", "w") as f:
    f.write("CREATE TEMP TABLE cities(id text, lat float8, lon float8, cum float8);\nINSERT INTO cities VALUES\n")
    f.write(",\n".join(f"('{i}', {a}, {o}, {c})" for i, a, o, c in rows) + ";\n")
with open(sys.argv[1] + "/cities.lua", "w") as f:
    f.write("cities = {" + ",".join(f"{{{a},{o},{c}}}" for _, a, o, c in rows) + "},\n")
PY

if [[ "$seeded" == 0 ]]; then
echo "seeding $loads loads ($open open)..."
{
  cat "$work/cities.sql"
  cat <<SQL
CREATE TEMP TABLE classes(id text, payload int, n int);
INSERT INTO classes VALUES ('22-wheeler',40000,0),('18-wheeler',34000,1),('10-wheeler',18000,2),('6-wheeler',10000,3),('mazda',5000,4),('shehzore',1500,5);
INSERT INTO loads (id, shipper_id, origin_city, origin_latitude, origin_longitude, destination_city, destination_latitude,
  destination_longitude, pickup_from, pickup_to, commodity, weight_kg, weight_entered, weight_unit, vehicle_class, body, rate_mode,
  target_price, consignee_name, consignee_phone, notes, visibility, status, created_at, updated_at, expires_at, version, reference)
SELECT gen_random_uuid(), gen_random_uuid(), o.id, o.lat + (s.r3 - 0.5) * 0.15, o.lon + (s.r4 - 0.5) * 0.15, d.id, d.lat, d.lon,
  s.day, s.day + 2, 'Goods', (k.payload * s.r5)::int + 1, (k.payload * s.r5)::int + 1, 'Kg', k.id, NULL,
  CASE WHEN s.r6 < 0.5 THEN 'Fixed' ELSE 'Bids' END, CASE WHEN s.r6 < 0.5 THEN (10000 + (s.r6 * 600000)::int) * 100 END,
  'Receiver', '+923001234567', NULL, 'Public', CASE WHEN s.g <= $open THEN 'Open' ELSE 'Booked' END,
  now(), now(), (s.day + 3)::timestamp AT TIME ZONE 'Asia/Karachi', 0, 1000000 + s.g % 9000000
FROM (SELECT g, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6, floor(random() * 6)::int n,
        CASE WHEN g <= $open THEN current_date + (random() * 6)::int ELSE current_date - 30 - (random() * 300)::int END AS day
      FROM generate_series(1, $loads) g) s
JOIN LATERAL (SELECT * FROM cities c WHERE c.cum >= s.r1 ORDER BY c.cum LIMIT 1) o ON true
JOIN LATERAL (SELECT * FROM cities c WHERE c.cum >= s.r2 ORDER BY c.cum LIMIT 1) d ON true
JOIN classes k ON k.n = s.n;
ANALYZE loads;
SQL
} | psql_ -d pakload_bench_matching -q
fi
psql_ -d pakload_bench_matching -c "select status, count(*) from loads group by status order by 1" | tr '\n' ' '; echo

port=5098; base="http://127.0.0.1:$port"
ConnectionStrings__Postgres="$db" ConnectionStrings__Redis="$PAKLOAD_TEST_REDIS" PakLoad__DataDirectory="$work" \
PakLoad__RateLimit__PerSecond=1000000 PakLoad__RateLimit__Burst=1000000 PakLoad__RateLimit__SignInPerMinute=100000 \
PakLoad__Benchmarks__BareEndpoint=true Logging__LogLevel__Default=Warning Logging__LogLevel__PakLoad=Information \
  dotnet "$api_dll" --urls "$base" >"$work/api.log" 2>&1 &
api_pid=$!
started=$(date +%s.%N)
for _ in $(seq 240); do curl -fs "$base/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "$base/health/ready" >/dev/null || { cat "$work/api.log"; exit 1; }
printf 'host ready (index built) after %.1f s; ' "$(echo "$(date +%s.%N) - $started" | bc)"; grep -o 'Market index built: [0-9]* open loads and trucks' "$work/api.log" || true

sign_in() { # phone role → access token (the one-time code is read back from the outbox)
  curl -fs -X POST "$base/api/v1/auth/code" -H 'Content-Type: application/json' -d "{\"phone\":\"$1\"}" >/dev/null
  local e164="+92${1:1}" code
  # From the outbox row while it is pending; once delivered the outbox blanks it ('*…'): then from the words sent.
  code=$(psql_ -d pakload_bench_matching -c "
    WITH o AS (SELECT arguments_json::json->>'code' AS code, dedupe_key FROM outbox
               WHERE recipient_phone='$e164' AND template_key='notifications.auth.code' ORDER BY created_at DESC LIMIT 1)
    SELECT CASE WHEN o.code NOT LIKE '*%' THEN o.code ELSE (SELECT substring(c.payload from '(?:^|[^0-9])([0-9]{6})(?:[^0-9]|$)')
      FROM channel_outbound c WHERE c.dedupe_key = 'outbox:' || o.dedupe_key ORDER BY c.id DESC LIMIT 1) END FROM o")
  curl -fs -X POST "$base/api/v1/auth/verify" -H 'Content-Type: application/json' \
    -d "{\"phone\":\"$1\",\"code\":\"$code\",\"name\":\"Bench $2\",\"role\":\"$2\"}" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p'
}
{ echo "return {"; echo "carrier = \"$(sign_in 03470000001 Carrier)\","; cat "$work/cities.lua"; echo "}"; } >"$work/data.lua"
curl -fs "$base/api/v1/search/loads?near=Karachi&radiusKm=50&pageSize=1" -H "Authorization: Bearer $(sed -n 's/carrier = "\(.*\)",/\1/p' "$work/data.lua")" \
  | sed -n 's/.*"total":\([0-9]*\).*/open loads within 50 km of Karachi: \1\n/p'

run() { # name script connections
  BENCH_DATA="$work/data.lua" PACE_MS="${PACE_MS:-}" wrk -t"$threads" -c"$3" -d"$duration" --latency -s "benchmarks/http/$2" "$base" >"$work/$1-c$3.txt"
  printf '%-8s c=%-3s %10s rps  p50 %-9s %s  %s\n' "$1" "$3" \
    "$(awk '/Requests\/sec/ {print $2}' "$work/$1-c$3.txt")" "$(awk '$1=="50%" {print $2}' "$work/$1-c$3.txt")" \
    "$(grep -h '^p95' "$work/$1-c$3.txt" || awk '$1=="99%" {print "p99 " $2}' "$work/$1-c$3.txt")" "$(grep -h 'Non-2xx' "$work/$1-c$3.txt" || true)"
}
# Warm-up, not recorded: the first requests compile the endpoints and reach the JIT's optimised code.
for script in bare search-loads; do
  BENCH_DATA="$work/data.lua" PACE_MS="" wrk -t"$threads" -c8 -d"${WARMUP:-5s}" -s "benchmarks/http/$script.lua" "$base" >/dev/null
done
echo "=== requests/s and latency, search beside the bare endpoint, same host, same run"
for c in ${CONNECTION_SWEEP:-8 16 32}; do
  run bare bare.lua "$c"
  run search search-loads.lua "$c"
done
paced=${PACED:-16:30}
echo "=== paced: ${paced%%:*} connections, each pausing ${paced##*:} ms between requests"
PACE_MS=${paced##*:} run paced search-loads.lua "${paced%%:*}"
