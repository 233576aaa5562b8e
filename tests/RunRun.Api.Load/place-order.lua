-- wrk script: every request places a one-line order (quantity 1) on one product, with an
-- Idempotency-Key never sent before, and done() prints the answers counted by status.
--
--   wrk -t2 -c64 -d10s --latency -s place-order.lua http://127.0.0.1:5080 -- <productId> [token[,token...]]
--
-- The product may come from RUNRUN_PRODUCT_ID and the tokens from RUNRUN_TOKEN (comma-separated)
-- or RUNRUN_TOKEN_FILE (one per line) instead of the arguments; either keeps tokens out of `ps`.
-- Several tokens are used in turn, one per request, so the load is spread evenly over the shoppers
-- (the API caps what one shopper may buy of a product). RUNRUN_RUN_ID, if set, replaces the random
-- prefix of the idempotency keys.
--
-- Lines starting with "runrun:" are meant for run.sh to read; keep their shape.

-- Every thread has its own Lua state: setup() runs in the main state and hands each thread its
-- number, and done() collects the threads' counts through these handles.
local threads = {}
local shared_run_id = nil

-- Keys must not repeat across runs either: the API replays the old order for a repeated key and
-- body, and answers 422 for a repeated key with another body, so a rerun against the same API
-- would measure replays. LuaJIT's math.random starts from a fixed seed, hence /dev/urandom.
local function new_run_id()
    local from_environment = os.getenv("RUNRUN_RUN_ID")
    if from_environment and from_environment ~= "" then
        return from_environment
    end
    local random = io.open("/dev/urandom", "rb")
    if random then
        local bytes = random:read(6)
        random:close()
        return (bytes:gsub(".", function(c) return string.format("%02x", string.byte(c)) end))
    end
    return string.format("%x-%x", os.time(), math.floor(os.clock() * 1000000))
end

function setup(thread)
    shared_run_id = shared_run_id or new_run_id()
    table.insert(threads, thread)
    -- These become globals of the thread's own state, read by init().
    thread:set("thread_number", #threads)
    thread:set("run_id", shared_run_id)
end

local function split(text, separator)
    local parts = {}
    for part in string.gmatch(text, "[^" .. separator .. "]+") do
        table.insert(parts, part)
    end
    return parts
end

local function read_tokens(path)
    local file = io.open(path, "r")
    if not file then
        error("place-order.lua cannot read RUNRUN_TOKEN_FILE " .. path)
    end
    local tokens = {}
    for line in file:lines() do
        if line ~= "" then
            table.insert(tokens, line)
        end
    end
    file:close()
    return tokens
end

local function json_string(text)
    return '"' .. text:gsub('[%c"\\]', function(c) return string.format("\\u%04x", string.byte(c)) end) .. '"'
end

function init(args)
    local product = args[1] or os.getenv("RUNRUN_PRODUCT_ID")
    if not product or product == "" then
        error("place-order.lua needs a product id: wrk ... -s place-order.lua <url> -- <productId> [token], or RUNRUN_PRODUCT_ID")
    end
    local token_file = os.getenv("RUNRUN_TOKEN_FILE")
    local tokens
    if args[2] == nil and token_file and token_file ~= "" then
        tokens = read_tokens(token_file)
    else
        tokens = split(args[2] or os.getenv("RUNRUN_TOKEN") or "", ",")
    end
    if #tokens == 0 then
        error("place-order.lua needs a bearer token: wrk ... -- <productId> <token>, RUNRUN_TOKEN or RUNRUN_TOKEN_FILE")
    end

    authorizations = {}
    for i, token in ipairs(tokens) do
        authorizations[i] = "Bearer " .. token
    end
    body = '{"lines":[{"productId":' .. json_string(product) .. ',"quantity":1}]}'
    -- A URL given with a path (http://host:port/api/orders) keeps it; a bare host gets the route.
    path = (wrk.path ~= nil and wrk.path ~= "/") and wrk.path or "/api/orders"
    key_prefix = "load-" .. run_id .. "-" .. thread_number .. "-"
    sent = 0
    statuses = {}
end

function request()
    sent = sent + 1
    local headers = {
        ["Content-Type"] = "application/json",
        ["Authorization"] = authorizations[(sent % #authorizations) + 1],
        ["Idempotency-Key"] = key_prefix .. sent,
    }
    return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
end

local function format_counts(counts, keep)
    local keys = {}
    for status, _ in pairs(counts) do
        if keep(status) then
            table.insert(keys, status)
        end
    end
    table.sort(keys)
    if #keys == 0 then
        return "none"
    end
    local parts = {}
    for _, status in ipairs(keys) do
        table.insert(parts, status .. "=" .. counts[status])
    end
    return table.concat(parts, " ")
end

function done(summary, latency, requests)
    local counts = {}
    for _, thread in ipairs(threads) do
        for status, n in pairs(thread:get("statuses") or {}) do
            counts[status] = (counts[status] or 0) + n
        end
    end

    local seconds = summary.duration / 1000000
    local errors = summary.errors
    io.write(string.format(
        "runrun: requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f\n",
        summary.requests, seconds, summary.requests / seconds,
        latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
        latency.max / 1000))
    io.write(string.format("runrun: socket-errors connect=%d read=%d write=%d timeout=%d\n",
        errors.connect, errors.read, errors.write, errors.timeout))
    io.write("runrun: statuses " .. format_counts(counts, function() return true end) .. "\n")
    io.write("runrun: non-2xx " .. format_counts(counts, function(s) return s < 200 or s > 299 end) .. "\n")
end
