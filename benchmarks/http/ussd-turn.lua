-- One USSD turn per request: a new Africa's Talking session (a dial) from a fresh phone, answered by the engine
-- (greeting -> onboarding screen) on PostgreSQL + Redis.
local counter = 0
function setup(thread) thread:set("id", counter); counter = counter + 1 end
function init(args) n = 0; offset = tonumber(os.getenv("USSD_OFFSET") or "0") end
function request()
  n = n + 1
  local phone = string.format("%%2B9234%d%07d", id, offset + n)
  local body = "sessionId=bench-" .. id .. "-" .. (offset + n) .. "&serviceCode=%2A384%2A123%23&phoneNumber=" .. phone .. "&networkCode=41001&text="
  return wrk.format("POST", "/webhooks/ussd/at", { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end
