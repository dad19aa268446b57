-- wrk script: every request is a new buyer's order for one unit of PRODUCT, with its own Idempotency-Key, and waits
-- for its decision (Prefer: wait=5 unless PREFER says otherwise; PREFER= sends none). A closed sale of as many buyers
-- in flight as wrk has connections. Tokens come from TOKENS (one per line, BuyerTokens.java); with several wrk
-- threads set THREADS to their number so that each takes its own buyers.
--
--   PRODUCT=<id> TOKENS=tokens.txt THREADS=2 wrk -t2 -c64 -d20s -s flashsale-benchmark/wrk/waiting-buyers.lua \
--       http://127.0.0.1:8080
--
-- PRODUCTS=<file of product IDs> instead of PRODUCT spreads the buyers over several products at random.
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

local tokens, index, step

function init(args)
  tokens = {}
  for line in io.lines(os.getenv("TOKENS") or "tokens.txt") do
    tokens[#tokens + 1] = line
  end
  index = tid + 1
  step = tonumber(os.getenv("THREADS") or "1")
  -- Keys differ from one run to the next: a key seen before would make the request a retry, answered from the
  -- order it placed then.
  math.randomseed(os.time() * 7919 + tid * 104729)
end

-- One product (PRODUCT), or each buyer one picked at random from the IDs in the file PRODUCTS (one per line).
local products = {}
if os.getenv("PRODUCTS") then
  for line in io.lines(os.getenv("PRODUCTS")) do
    products[#products + 1] = line
  end
else
  products[1] = os.getenv("PRODUCT")
end
local prefer = os.getenv("PREFER") or "wait=5"

function request()
  local token = tokens[((index - 1) % #tokens) + 1]
  index = index + step
  local headers = {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = tostring(index) .. "-" .. tostring(math.random(1, 1e9)),
  }
  if prefer ~= "" then
    headers["Prefer"] = prefer
  end
  local body = '{"items":[{"productId":"' .. products[math.random(1, #products)] .. '","quantity":1}]}'
  return wrk.format("POST", "/api/orders", headers, body)
end

function done(summary, latency, requests)
  io.write(string.format("latency mean %.1f ms, p50 %.1f, p90 %.1f, p99 %.1f, max %.1f\n",
    latency.mean / 1000, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
