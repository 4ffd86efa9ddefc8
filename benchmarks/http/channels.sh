#!/usr/bin/env bash
# HTTP benchmarks of the channels on PostgreSQL + Redis, each beside the bare endpoint of the same host in the
# same run: WhatsApp webhook ingest (verify, persist, 200), a USSD turn end to end, and the latency from an
# inbound WhatsApp message to its reply handed to the provider (Graph API fake) at a fixed 200 messages/s.
#
#   PAKLOAD_TEST_COMMAND=benchmarks/http/channels.sh scripts/test
#
# Knobs: WORKER_ONLY (1: stop after the stored backlog is answered and its replies sent), DURATION (10s), CONNECTIONS (16), THREADS (2), RATE (200 msg/s), RATE_SECONDS (20), USSD_ONLY (1: only the
# last part, USSD on a host of its own), REPLY_ONLY (1: only the inbound -> reply part, on a fresh host after a 10 s
# warm-up at the same rate (WARM_SECONDS); REPLY_HOST_ENV adds host settings, e.g. PakLoad__WhatsApp__SharedSendRate=false).
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${PAKLOAD_TEST_POSTGRES:?run through scripts/test (see the header)}"
duration=${DURATION:-10s}; threads=${THREADS:-2}; connections=${CONNECTIONS:-16}
rate=${RATE:-200}; rate_seconds=${RATE_SECONDS:-20}
work=$(mktemp -d); trap 'kill "${api_pid:-0}" "${fake_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
pg_port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$PAKLOAD_TEST_POSTGRES")
psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -At "$@"; }
psql_ -d postgres -c "DROP DATABASE IF EXISTS pakload_channels WITH (FORCE)" -c "CREATE DATABASE pakload_channels" >/dev/null
db="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=pakload_channels;Maximum Pool Size=${POOL:-200}"
secret=bench-app-secret

# The Graph API fake: answers every send with Meta's success body. HTTP/1.1 keep-alive and a deep accept queue
# like graph.facebook.com: with Python's defaults (HTTP/1.0, a backlog of 5) ~40 % of sends were refused under
# load and the measured reply latency was the outbound worker's retry backoff.
python3 - "$work/fake.port" >"$work/fake.log" 2>&1 <<'PY' &
import http.server, itertools, socketserver, sys
ids = itertools.count()
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = ('{"messaging_product":"whatsapp","contacts":[{"input":"+923000000000","wa_id":"923000000000"}],"messages":[{"id":"wamid.fake.%d"}]}' % next(ids)).encode()
        self.send_response(200); self.send_header("Content-Type", "application/json"); self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
class S(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    request_queue_size = 1024
s = S(("127.0.0.1", 0), H); open(sys.argv[1], "w").write(str(s.server_port)); s.serve_forever()
PY
fake_pid=$!
for _ in $(seq 50); do [ -s "$work/fake.port" ] && break; sleep 0.1; done

dotnet build -c Release src/Api/PakLoad.Api -v q -nologo >/dev/null
port=5098; base="http://127.0.0.1:$port"
start_host() { # extra "Name=value" settings: the same host as production runs it, on loopback
  env ConnectionStrings__Postgres="$db" ConnectionStrings__Redis="$PAKLOAD_TEST_REDIS" PakLoad__MigrateAtStart=true \
    PakLoad__DataDirectory="$work" PakLoad__RateLimit__PerSecond=1000000 PakLoad__RateLimit__Burst=1000000 \
    PakLoad__Benchmarks__BareEndpoint=true Logging__LogLevel__Default=Warning \
    PakLoad__WhatsApp__AppSecret=$secret PakLoad__WhatsApp__VerifyToken=bench PakLoad__WhatsApp__AccessToken=bench \
    PakLoad__WhatsApp__GraphBaseUrl="http://127.0.0.1:$(cat "$work/fake.port")/" PakLoad__WhatsApp__SendsPerSecond=1000 \
    PakLoad__Channels__WhatsAppPhoneNumberId=bench "$@" \
    dotnet src/Api/PakLoad.Api/bin/Release/net10.0/PakLoad.Api.dll --urls "$base" >>"$work/api.log" 2>&1 &
  api_pid=$!
  for _ in $(seq 120); do curl -fs "$base/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -fs "$base/health/ready" >/dev/null || { cat "$work/api.log"; exit 1; }
}
stop_host() { kill "$api_pid"; wait "$api_pid" 2>/dev/null || true; }

# Signed Meta bodies, one fresh wamid each, from 5,000 users: one file per ingest run (wrk starts each at line 1).
bodies() { # file prefix
python3 - "$secret" 150000 "$2" >"$1" <<'PY'
import hashlib, hmac, sys
secret, n, prefix = sys.argv[1].encode(), int(sys.argv[2]), sys.argv[3]
for i in range(n):
    u = "9235%08d" % (i % 5000)
    body = ('{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",'
            '"metadata":{"display_phone_number":"15550783881","phone_number_id":"bench"},"contacts":[{"profile":{"name":"B"},"wa_id":"%s"}],'
            '"messages":[{"from":"%s","id":"wamid.%s.%d","timestamp":"1749416383","type":"text","text":{"body":"hi"}}]}}]}]}') % (u, u, prefix, i)
    sig = hmac.new(secret, body.encode(), hashlib.sha256).hexdigest()
    print("sha256=%s\t%s" % (sig, body))
PY
}
bodies "$work/bodies-warm.tsv" warm
bodies "$work/bodies-receiver.tsv" receiver
bodies "$work/bodies.tsv" bench

run() { # name script
  BENCH_DATA="${BODIES:-$work/bodies.tsv}" WRK_THREADS="$threads" USSD_OFFSET="${USSD_OFFSET:-0}" \
    wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "benchmarks/http/$2" "$base" >"$work/$1.txt"
  printf '%-16s c=%-3s %10s rps  p50 %-9s p99 %-9s %s\n' "$1" "$connections" \
    "$(awk '/Requests\/sec/ {print $2}' "$work/$1.txt")" "$(awk '$1=="50%" {print $2}' "$work/$1.txt")" \
    "$(awk '$1=="99%" {print $2}' "$work/$1.txt")" "$(grep -h 'Non-2xx' "$work/$1.txt" || true)"
}
if [[ -n ${REPLY_ONLY:-} ]]; then
  # shellcheck disable=SC2086 # REPLY_HOST_ENV is a list of Name=value words
  start_host ${REPLY_HOST_ENV:-}
  echo "host settings: ${REPLY_HOST_ENV:-(defaults)}"
fi
if [[ -z ${USSD_ONLY:-} ]]; then
if [[ -z ${REPLY_ONLY:-} ]]; then
echo "=== WhatsApp ingest on a webhook-only instance (PakLoad:Channels:AnswerInbox=false: verify, persist, 200; no turns)"
start_host PakLoad__Channels__AnswerInbox=false
BODIES="$work/bodies-warm.tsv" duration=5s run warm-up whatsapp-ingest.lua >/dev/null
run bare bare.lua
BODIES="$work/bodies-receiver.tsv" run whatsapp-ingest whatsapp-ingest.lua
stop_host
stored=$(psql_ -d pakload_channels -c "select count(*) from channel_inbox where status='Pending'")
echo "=== the full host (webhooks + inbox worker) starts and answers the $stored stored messages"
t0=$(date +%s.%N)
start_host
for _ in $(seq 900); do [ "$(psql_ -d pakload_channels -c "select count(*) from channel_inbox where status='Pending'")" = 0 ] && break; sleep 1; done
t1=$(date +%s.%N)
echo "worker: $stored messages answered in $(printf '%.1f' "$(echo "$t1 - $t0" | bc)") s (host start included) = $(echo "$stored / ($t1 - $t0)" | bc) messages/s"
if [[ -n ${WORKER_ONLY:-} ]]; then
  for _ in $(seq 300); do [ "$(psql_ -d pakload_channels -c "select count(*) from channel_outbound where status='Pending'")" = 0 ] && break; sleep 1; done
  t2=$(date +%s.%N)
  echo "replies: all $(psql_ -d pakload_channels -c "select count(*) from channel_outbound") handed to the Graph fake $(printf '%.1f' "$(echo "$t2 - $t0" | bc)") s after the host started = $(echo "$stored / ($t2 - $t0)" | bc) answered messages/s end to end"
  stop_host; exit 0
fi
echo "=== requests/s and latency on the full host, each beside the bare endpoint, same host, same run"
run bare bare.lua
run whatsapp-ingest whatsapp-ingest.lua
echo "inbox rows stored by that run: $(psql_ -d pakload_channels -c "select count(*) from channel_inbox where provider_message_id like 'wamid.bench.%'")"
echo "waiting for the inbox and the replies to drain before the next run..."
start=$SECONDS
for _ in $(seq 900); do
  [ "$(psql_ -d pakload_channels -c "select (select count(*) from channel_inbox where status='Pending') + (select count(*) from channel_outbound where status='Pending')")" = 0 ] && break; sleep 1
done
echo "drained in $((SECONDS - start)) s"
# Fresh sessions from fresh phones; the first 20 s warm the USSD path up (tiered JIT on 2 cores), then c=8 and c=16.
USSD_OFFSET=5000000 duration=20s run ussd-warm-up ussd-turn.lua >/dev/null
run bare bare.lua
USSD_OFFSET=0 connections=8 run ussd-turn ussd-turn.lua
USSD_OFFSET=2000000 run ussd-turn ussd-turn.lua
echo "transcripts (ussd): $(psql_ -d pakload_channels -c "select count(*) from transcripts where conversation_key like 'ussd:%'")"
fi

pace() { # seconds first-id: fresh users "9236…" from first-id on, at $rate messages/s
python3 - "$base" "$secret" "$rate" "$1" "$2" <<'PY'
# Bodies are signed before the clock starts; 16 keep-alive connections take them from a queue at the set pace
# (a thread and a TCP connection per message cost this 2-core machine more than the host's own ingest).
import hashlib, hmac, http.client, queue, sys, threading, time, urllib.parse
base, secret, rate, seconds, first = sys.argv[1], sys.argv[2].encode(), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
url = urllib.parse.urlparse(base)
def signed(i):
    u = "9236%08d" % i
    body = ('{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",'
            '"metadata":{"display_phone_number":"1","phone_number_id":"bench"},"contacts":[{"profile":{"name":"B"},"wa_id":"%s"}],'
            '"messages":[{"from":"%s","id":"wamid.rate.%d","timestamp":"1749416383","type":"text","text":{"body":"hi"}}]}}]}]}') % (u, u, i)
    b = body.encode()
    return b, "sha256=" + hmac.new(secret, b, hashlib.sha256).hexdigest()
bodies = [signed(first + i) for i in range(rate * seconds)]
work, failed = queue.Queue(), []
def sender():
    conn = http.client.HTTPConnection(url.hostname, url.port)
    while (item := work.get()) is not None:
        conn.request("POST", "/webhooks/whatsapp", body=item[0], headers={"Content-Type": "application/json", "X-Hub-Signature-256": item[1]})
        response = conn.getresponse(); response.read()
        if response.status != 200: failed.append(response.status)
threads = [threading.Thread(target=sender) for _ in range(16)]
for t in threads: t.start()
start = time.time()
for i, item in enumerate(bodies):
    delay = start + i / rate - time.time()
    if delay > 0: time.sleep(delay)
    work.put(item)
handed = time.time() - start
for _ in threads: work.put(None)
for t in threads: t.join()
print("paced %d messages over %.1fs, all answered by %.1fs (%d not 200)" % (len(bodies), handed, time.time() - start, len(failed)))
PY
}
drain() { for _ in $(seq 120); do [ "$(psql_ -d pakload_channels -c "select count(*) from channel_outbound where status='Pending'")" = 0 ] && [ "$(psql_ -d pakload_channels -c "select count(*) from channel_inbox where status='Pending'")" = 0 ] && break; sleep 1; done; }
if [[ -n ${REPLY_ONLY:-} ]]; then
  echo "=== warm-up: $rate msg/s for ${WARM_SECONDS:-10}s (other users), then drained"
  pace "${WARM_SECONDS:-10}" 50000000 >/dev/null
  drain
fi
echo "=== inbound WhatsApp -> reply handed to the Graph fake, $rate msg/s for ${rate_seconds}s (fresh users)"
psql_ -d pakload_channels -c "truncate channel_inbox, channel_outbound" >/dev/null
# As before the USSD part below: the ~150,000 rows the runs above wrote are vacuumed first, not during the measurement
# (PostgreSQL's autovacuum would otherwise take its CPU share from the 2 cores in the middle of the 20 s).
psql_ -d pakload_channels -c "vacuum analyze" >/dev/null
pace "$rate_seconds" 0
drain
psql_ -d pakload_channels -c "
  with first_reply as (
    select i.id, min(o.sent_at) - i.received_at as latency
    from channel_inbox i join channel_outbound o on o.dedupe_key like 'inbox:' || i.id || ':%'
    group by i.id, i.received_at)
  select 'inbound->reply handed to provider: n=' || count(*)
    || ' p50=' || round(extract(epoch from percentile_cont(0.5) within group (order by latency)) * 1000) || 'ms'
    || ' p99=' || round(extract(epoch from percentile_cont(0.99) within group (order by latency)) * 1000) || 'ms'
    || ' max=' || round(extract(epoch from max(latency)) * 1000) || 'ms'
  from first_reply"
echo "the same per 4 s of arrival (a backlog grows across buckets; a pause shows in one):"
psql_ -d pakload_channels -c "
  with first_reply as (
    select i.received_at, min(o.sent_at) - i.received_at as latency
    from channel_inbox i join channel_outbound o on o.dedupe_key like 'inbox:' || i.id || ':%'
    group by i.id, i.received_at),
  bucketed as (select floor(extract(epoch from received_at - min(received_at) over ()) / 4) as b, latency from first_reply)
  select '  ' || (b * 4)::int || '-' || (b * 4 + 4)::int || 's: n=' || count(*)
    || ' p50=' || round(extract(epoch from percentile_cont(0.5) within group (order by latency)) * 1000)
    || ' p99=' || round(extract(epoch from percentile_cont(0.99) within group (order by latency)) * 1000)
    || ' max=' || round(extract(epoch from max(latency)) * 1000)
  from bucketed group by b order by b"
echo "replies that needed a retry (a refused or failed send to the fake): $(psql_ -d pakload_channels -c "select count(*) filter (where attempts > 1) || ' of ' || count(*) from channel_outbound")"
stop_host
fi

[[ -n ${REPLY_ONLY:-} ]] && exit 0

# USSD again on a host of its own: the runs above measure it right after the ingest runs, while PostgreSQL's
# autovacuum still works through their ~100,000 inbox and outbound updates. Here: VACUUM ANALYZE, a fresh host,
# the same 20 s warm-up, then c=8, c=12 and c=16. USSD_ONLY=1 runs only this part (on a fresh database).
echo "=== USSD turn on its own host (after VACUUM ANALYZE), each beside the bare endpoint of the same host"
psql_ -d pakload_channels -c "vacuum analyze" >/dev/null
start_host
USSD_OFFSET=6000000 duration=20s run ussd-warm-up ussd-turn.lua >/dev/null
run bare bare.lua
USSD_OFFSET=7000000 connections=8 run ussd-turn ussd-turn.lua
USSD_OFFSET=8000000 connections=12 run ussd-turn ussd-turn.lua
USSD_OFFSET=9000000 run ussd-turn ussd-turn.lua
