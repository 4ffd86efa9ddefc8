-- POST pre-signed Meta webhook bodies (each a fresh wamid) to /webhooks/whatsapp. Bodies and signatures come
-- from BENCH_DATA (one "signature<TAB>body" per line), split between the threads so no body is sent twice.
local counter, threads = 0, {}
function setup(thread)
  thread:set("id", counter); counter = counter + 1; table.insert(threads, thread)
end
function init(args)
  local n = tonumber(os.getenv("WRK_THREADS") or "2")
  lines = {}
  local i = 0
  for line in io.lines(os.getenv("BENCH_DATA")) do
    if i % n == id then
      local tab = line:find("\t", 1, true)
      table.insert(lines, { line:sub(1, tab - 1), line:sub(tab + 1) })
    end
    i = i + 1
  end
  next_line = 1
end
function request()
  local item = lines[next_line]
  next_line = next_line % #lines + 1
  return wrk.format("POST", "/webhooks/whatsapp", { ["Content-Type"] = "application/json", ["X-Hub-Signature-256"] = item[1] }, item[2])
end
