#!/usr/bin/env bash
# Load benchmark of POST /api/orders: the API in Release against a bare Kestrel endpoint that parses
# and returns the same JSON, in the same run, with wrk and place-order.lua (see README.md here).
# Targets: order throughput >= 50 % of the bare endpoint's; sold-out answers >= 80 %.
# Exit status: 0 targets met, 1 a target missed or a run got unexpected answers, 2 set-up failed.
set -euo pipefail
shopt -s inherit_errexit

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# Made absolute before anything changes folder: the servers run from a scratch folder.
API_DLL="${API_DLL:+$(realpath -m "$API_DLL")}"
cd "$repo"

DURATION="${DURATION:-10}"            # seconds of each measured run
# Rounds of the four runs; the verdict is on the median of the rounds' ratios. On a shared VM one
# pair of runs can differ by a tenth just from when it ran, so the sides alternate which goes first.
ROUNDS="${ROUNDS:-3}"
WARMUP="${WARMUP:-3}"                 # seconds of unmeasured load before each measured run, for the JIT's tiers
SETTLE="${SETTLE:-2}"                 # seconds of quiet between runs, so one server's leftovers do not tax the next run
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
STOCK="${STOCK:-100000000}"           # units on the hot product: far more than any run can sell
LIMIT="${LIMIT:-1000}"                # per-shopper limit of both products: the most the API accepts
# A shopper can hold at most LIMIT units of the hot product, so the orders run needs enough shoppers
# for every order it may place: sized for ORDER_RATE_CEILING orders a second (above what the bare
# endpoint reaches here), plus one for the probe order. The load rotates through their tokens.
ORDER_RATE_CEILING="${ORDER_RATE_CEILING:-25000}"
SIGN_UP_JOBS="${SIGN_UP_JOBS:-4}"     # sign-ups in flight at once; each hashes a password
API_PORT="${API_PORT:-5080}"
BARE_PORT="${BARE_PORT:-5081}"
BUILD="${BUILD:-1}"                   # 0 reuses the Release builds already there
# API_DLL: another build of the API to measure (then it is not built here)
API_EXTRA_ARGS="${API_EXTRA_ARGS:-}"  # more --key value pairs for the API, split on spaces
# A smallest gen-0 budget for the runtime's GC (DOTNET_GCgen0size), given to both servers alike;
# empty (the default) leaves the runtime's own. On this VM 0x4000000 (64 MiB) moved sold-out answers
# from 81.6 % to 82.8 % of the bare endpoint with the order p99 at 71 ms (docs/benchmarks.md): a
# knob for studying the GC, not a default.
GC_GEN0_SIZE="${GC_GEN0_SIZE:-}"
ORDER_TARGET=50
SOLD_OUT_TARGET=80

for name in DURATION ROUNDS WARMUP SETTLE CONNECTIONS THREADS STOCK LIMIT ORDER_RATE_CEILING SIGN_UP_JOBS API_PORT BARE_PORT ${SHOPPERS:+SHOPPERS}; do
    if ! [[ "${!name}" =~ ^[0-9]+$ ]]; then
        echo "$name must be a whole number, not '${!name}'" >&2
        exit 2
    fi
done
if ((DURATION < 1 || ROUNDS < 1 || LIMIT < 1 || SIGN_UP_JOBS < 1 || CONNECTIONS < THREADS)); then
    echo "DURATION, ROUNDS, LIMIT and SIGN_UP_JOBS must be at least 1, CONNECTIONS at least THREADS" >&2
    exit 2
fi
SHOPPERS="${SHOPPERS:-$(((ORDER_RATE_CEILING * (WARMUP + DURATION) + LIMIT - 1) / LIMIT + 1))}"
((SHOPPERS >= 1)) || { echo "SHOPPERS must be at least 1" >&2; exit 2; }

api_url="http://127.0.0.1:$API_PORT"
bare_url="http://127.0.0.1:$BARE_PORT"
api_dll="${API_DLL:-$repo/api/bin/Release/net10.0/RunRun.Api.dll}"
bare_dll="$here/Bare/bin/Release/net10.0/RunRun.Api.Bare.dll"

# --- tools -----------------------------------------------------------------------------------------
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v jq >/dev/null 2>&1 || missing+=(jq)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if ((${#missing[@]} > 0)); then
    echo "installing ${missing[*]}"
    "$repo/.ci/install-packages" "${missing[@]}" || exit 2
fi
command -v dotnet >/dev/null 2>&1 || { echo "the .NET SDK (global.json) is required" >&2; exit 2; }

# --- build -----------------------------------------------------------------------------------------
if [ "$BUILD" != 0 ]; then
    echo "building the API and the bare endpoint (Release)"
    if [ -z "$API_DLL" ]; then
        timeout 1200 dotnet build -c Release api/RunRun.Api.csproj -m:1 --nologo -v:q || exit 2
    fi
    timeout 600 dotnet build -c Release tests/RunRun.Api.Load/Bare/RunRun.Api.Bare.csproj -m:1 --nologo -v:q || exit 2
fi
for dll in "$api_dll" "$bare_dll"; do
    [ -f "$dll" ] || { echo "$dll is missing; run with BUILD=1" >&2; exit 2; }
done

# --- servers ---------------------------------------------------------------------------------------
work="$(mktemp -d -t runrun-load.XXXXXX)"
server_pids=()

# shellcheck disable=SC2317 # reached through the EXIT trap, which shellcheck does not follow
stop_servers() {
    local pid waited
    for pid in "${server_pids[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${server_pids[@]}"; do
        waited=0
        while kill -0 "$pid" 2>/dev/null && ((waited < 150)); do
            sleep 0.1
            waited=$((waited + 1))
        done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    server_pids=()
}

# shellcheck disable=SC2317 # reached through the EXIT trap, which shellcheck does not follow
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    stop_servers
    if ((status == 2)) && [ -f "$work/api.log" ]; then
        echo "--- last lines of the API's log ---" >&2
        tail -n 40 "$work/api.log" >&2 || true
    fi
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 2' INT TERM

# Something already listening would be measured in place of what this script starts.
port_is_free() {
    local code=0
    curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$1/" || code=$?
    ((code == 7))
}
for port in "$API_PORT" "$BARE_PORT"; do
    port_is_free "$port" || { echo "127.0.0.1:$port is in use; stop what listens there or set API_PORT/BARE_PORT" >&2; exit 2; }
done

# start NAME LOG DLL ARGS...: runs from the scratch folder, so nothing the server writes by a
# relative path lands in the repository, with the content root on the build output, where
# appsettings.json is.
start() {
    local name=$1 log=$2 dll=$3
    shift 3
    (
        cd "$work"
        if [ -n "$GC_GEN0_SIZE" ]; then
            export DOTNET_GCgen0size="$GC_GEN0_SIZE"
        fi
        exec dotnet "$dll" --contentRoot "$(dirname "$dll")" "$@"
    ) >"$log" 2>&1 &
    server_pids+=("$!")
    echo "started $name (pid $!)"
}

# wait_until_up NAME URL PID LOG CURL-ARGS...: bounded; fails as soon as the server exits.
wait_until_up() {
    local name=$1 url=$2 pid=$3 log=$4
    shift 4
    local deadline=$((SECONDS + 120))
    until curl -s -o /dev/null --max-time 2 "$@" "$url"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "$name exited while starting; its log:" >&2
            tail -n 40 "$log" >&2
            exit 2
        fi
        if ((SECONDS >= deadline)); then
            echo "$name did not answer $url within 120 s" >&2
            exit 2
        fi
        sleep 0.5
    done
}

# Both servers get ASP.NET Core's own per-request logs at Warning, as the project templates set
# it, so the comparison does not hinge on which one ships an appsettings.json.
quiet_framework=(--Logging:LogLevel:Microsoft.AspNetCore Warning)
mkdir -p "$work/data"
# shellcheck disable=SC2086 # API_EXTRA_ARGS is a list of arguments on purpose
start "the API" "$work/api.log" "$api_dll" \
    --urls "$api_url" \
    "${quiet_framework[@]}" \
    --RunRun:Api:DataDirectory "$work/data" \
    --RunRun:Api:RateLimit:PermitsPerSecond 1000000 \
    --RunRun:Api:RateLimit:BurstSize 1000000 \
    $API_EXTRA_ARGS
api_pid=${server_pids[-1]}
start "the bare endpoint" "$work/bare.log" "$bare_dll" --urls "$bare_url" "${quiet_framework[@]}"
bare_pid=${server_pids[-1]}
wait_until_up "the API" "$api_url/readyz" "$api_pid" "$work/api.log" -f
# The bare endpoint has no health route: any HTTP answer (404) means Kestrel is listening.
wait_until_up "the bare endpoint" "$bare_url/" "$bare_pid" "$work/bare.log"

# --- sale set-up through the API's contract (api/README.md) -----------------------------------------
# call EXPECTED-STATUS METHOD PATH BODY [CURL-ARGS...]: prints the response body; exits 2 on any other status.
# Each call has its own response file: sign-ups run several at a time.
call() {
    local expect=$1 method=$2 path=$3 body=$4 status response
    shift 4
    response="$(mktemp -p "$work" response.XXXXXX)"
    status="$(curl -sS --max-time 30 -o "$response" -w '%{http_code}' -X "$method" \
        -H 'Content-Type: application/json' "$@" --data "$body" "$api_url$path")" || status=000
    if [ "$status" != "$expect" ]; then
        echo "$method $path answered $status, expected $expect:" >&2
        cat "$response" >&2 || true
        echo >&2
        exit 2
    fi
    cat "$response"
    rm -f "$response"
}

password="Load-test-passw0rd!"

# sign_up EMAIL ROLE: prints the account's access token.
sign_up() {
    call 201 POST /api/accounts "$(jq -nc --arg email "$1" --arg role "$2" --arg password "$password" \
        '{email: $email, displayName: "Load test", password: $password, roles: [$role]}')" >/dev/null
    call 200 POST /api/auth/token "$(jq -nc --arg email "$1" --arg password "$password" \
        '{email: $email, password: $password}')" | jq -er .accessToken
}

# create_product NAME QUANTITY: prints the product id.
create_product() {
    local product
    product="$(call 201 POST /api/products "$(jq -nc --arg name "$1" --argjson limit "$LIMIT" \
        '{name: $name, description: "load test", price: {amount: 1000, currency: "KRW"}, kind: "General", perShopperLimit: $limit}')" \
        -H "Authorization: Bearer $seller_token" | jq -er .productId)"
    call 200 POST "/api/products/$product/stock" "{\"quantity\": $2}" -H "Authorization: Bearer $seller_token" >/dev/null
    echo "$product"
}

order_body() {
    jq -nc --arg product "$1" '{lines: [{productId: $product, quantity: 1}]}'
}

echo "setting up the sale: a seller, $SHOPPERS shoppers, $((ROUNDS + 1)) products"
seller_token="$(sign_up seller@load.test Seller)"
mkdir "$work/tokens"
jobs_in_flight=()
for ((i = 1; i <= SHOPPERS; i++)); do
    sign_up "shopper$i@load.test" Shopper >"$work/tokens/$i" &
    jobs_in_flight+=("$!")
    if ((${#jobs_in_flight[@]} >= SIGN_UP_JOBS)); then
        wait "${jobs_in_flight[0]}" || exit 2
        jobs_in_flight=("${jobs_in_flight[@]:1}")
    fi
done
for job in "${jobs_in_flight[@]}"; do
    wait "$job" || exit 2
done
# One token per line, handed to wrk as a file: hundreds of tokens overflow an environment variable.
token_file="$work/tokens.txt"
for ((i = 1; i <= SHOPPERS; i++)); do
    cat "$work/tokens/$i"
done >"$token_file"
first_shopper="Authorization: Bearer $(head -n 1 "$token_file")"

# A hot product per round: the per-shopper limit counts per product, so every round's shoppers
# start with their whole limit and the shoppers signed up above suffice for any number of rounds.
hot_products=()
for ((round = 1; round <= ROUNDS; round++)); do
    hot_products+=("$(create_product "Load test hot product $round" "$STOCK")")
    call 201 POST /api/orders "$(order_body "${hot_products[-1]}")" -H "$first_shopper" -H "Idempotency-Key: probe-hot-$round" >/dev/null
done

# Sold out: one unit, held by one order; every later order on it must be refused as sold_out.
sold_out_product="$(create_product "Load test sold-out product" 1)"
call 201 POST /api/orders "$(order_body "$sold_out_product")" -H "$first_shopper" -H "Idempotency-Key: probe-last-unit" >/dev/null
code="$(call 409 POST /api/orders "$(order_body "$sold_out_product")" -H "$first_shopper" -H "Idempotency-Key: probe-sold-out" | jq -r .code)"
if [ "$code" != sold_out ]; then
    echo "an order on the sold-out product answered code '$code', expected sold_out" >&2
    exit 2
fi

# --- load ------------------------------------------------------------------------------------------
# scrape_storage FILE: the API's storage writer figures (/metrics) and the moment they were read.
scrape_storage() {
    {
        echo "at $(date +%s.%N)"
        curl -sS --max-time 10 "$api_url/metrics" | grep '^runrun_storage_' || true
    } >"$1"
}

# report_storage BEFORE AFTER: how busy the one storage writer loop was between two scrapes. Near
# 100 %, storage bounds the run; well below, something else does (docs/benchmarks.md, session 18).
report_storage() {
    awk '
        FNR == 1 { at[FILENAME == ARGV[1] ? 0 : 1] = $2; next }
        { side = FILENAME == ARGV[1] ? -1 : 1 }
        /^runrun_storage_busy_seconds_total\{.*phase="statements"/ { statements += side * $NF }
        /^runrun_storage_busy_seconds_total\{.*phase="commit"/ { commits += side * $NF }
        /^runrun_storage_transactions_total\{/ { transactions += side * $NF }
        /^runrun_storage_writes_total\{/ { writes += side * $NF }
        END {
            span = at[1] - at[0]
            if (span <= 0 || transactions <= 0) { print "    storage writer: nothing committed"; exit }
            printf "    storage writer busy %.0f %% of the run (statements %.0f %%, commits %.0f %%); %.1f writes per transaction, %.0f us per commit\n",
                100 * (statements + commits) / span, 100 * statements / span, 100 * commits / span, writes / transactions, 1e6 * commits / transactions
        }' "$1" "$2"
}

# measure NAME URL PRODUCT: a warm-up run, then the measured one; wrk's output goes to $work/NAME.out.
measure() {
    local name=$1 url=$2 product=$3
    sleep "$SETTLE"
    if ((WARMUP > 0)); then
        RUNRUN_TOKEN_FILE="$token_file" timeout $((WARMUP + 60)) wrk -t "$THREADS" -c "$CONNECTIONS" -d "${WARMUP}s" \
            --timeout 10s -s "$here/place-order.lua" "$url" -- "$product" >"$work/$name.warmup" 2>&1 ||
            { echo "wrk failed during the $name warm-up:" >&2; cat "$work/$name.warmup" >&2; exit 2; }
        sleep "$SETTLE"
    fi
    echo "measuring $name: $CONNECTIONS connections, $THREADS threads, ${DURATION}s"
    if [ "$url" = "$api_url" ]; then
        scrape_storage "$work/$name.storage-before"
    fi
    RUNRUN_TOKEN_FILE="$token_file" timeout $((DURATION + 60)) wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" \
        --timeout 10s --latency -s "$here/place-order.lua" "$url" -- "$product" >"$work/$name.out" 2>&1 ||
        { echo "wrk failed during $name:" >&2; cat "$work/$name.out" >&2; exit 2; }
    grep '^runrun:' "$work/$name.out" | sed 's/^/    /'
    if [ "$url" = "$api_url" ]; then
        scrape_storage "$work/$name.storage-after"
        report_storage "$work/$name.storage-before" "$work/$name.storage-after"
    fi
    for pid in "$api_pid" "$bare_pid"; do
        kill -0 "$pid" 2>/dev/null || { echo "a server exited during $name" >&2; exit 2; }
    done
}

# measure_pair CASE ROUND PRODUCT: the API and the bare endpoint, the API first in odd rounds.
measure_pair() {
    local case=$1 round=$2 product=$3
    if ((round % 2 == 1)); then
        measure "$case-api.$round" "$api_url" "$product"
        measure "$case-bare.$round" "$bare_url" "$product"
    else
        measure "$case-bare.$round" "$bare_url" "$product"
        measure "$case-api.$round" "$api_url" "$product"
    fi
}

for ((round = 1; round <= ROUNDS; round++)); do
    echo "round $round of $ROUNDS"
    measure_pair orders "$round" "${hot_products[round - 1]}"
    measure_pair sold-out "$round" "$sold_out_product"
done

# --- summary ---------------------------------------------------------------------------------------
# field RUN KEY: a key=value from the runrun: lines place-order.lua printed for that run.
field() {
    grep '^runrun: ' "$work/$1.out" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1
}

# Throughput counts only the expected answers (201 for orders, 409 when sold out): a 429 or 503
# is not an order placed, and a fast error page must not pass for speed.
good_rps() {
    local count seconds
    count="$(field "$1" "$2")"
    seconds="$(field "$1" seconds)"
    awk -v n="${count:-0}" -v s="$seconds" 'BEGIN { printf "%.1f", (s > 0 ? n / s : 0) }'
}

unexpected() {
    local requests count errors
    requests="$(field "$1" requests)"
    count="$(field "$1" "$2")"
    errors="$(grep '^runrun: socket-errors' "$work/$1.out" | tr ' ' '\n' | awk -F= 'NF == 2 { n += $2 } END { print n + 0 }')"
    echo $((requests - ${count:-0} + errors))
}

failed=0
report_row() {
    local run=$1 expected=$2
    printf '  %-22s %12s %12s %10s %11s\n' "$run" "$(good_rps "$run" "$expected")" "$(field "$run" rps)" \
        "$(field "$run" p99_ms)" "$(unexpected "$run" "$expected")"
}

# ratio API BARE EXPECTED: the API's expected answers per second as a percentage of the bare endpoint's 201s.
ratio() {
    awk -v a="$(good_rps "$1" "$3")" -v b="$(good_rps "$2" 201)" 'BEGIN { printf "%.1f", (b > 0 ? 100 * a / b : 0) }'
}

# report_ratio LABEL CASE EXPECTED TARGET: every round's ratio, and the verdict on their median.
report_ratio() {
    local label=$1 case=$2 expected=$3 target=$4 round ratios=() median verdict checked=0
    for ((round = 1; round <= ROUNDS; round++)); do
        ratios+=("$(ratio "$case-api.$round" "$case-bare.$round" "$expected")")
        if [ "$(unexpected "$case-api.$round" "$expected")" != 0 ] || [ "$(unexpected "$case-bare.$round" 201)" != 0 ]; then
            checked=1
        fi
    done
    median="$(printf '%s\n' "${ratios[@]}" | sort -g | awk '{ v[NR] = $1 } END { printf "%.1f", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')"
    if ((checked)); then
        verdict="CHECK (unexpected answers)"
        failed=1
    elif awk -v r="$median" -v t="$target" 'BEGIN { exit !(r >= t) }'; then
        verdict="PASS"
    else
        verdict="FAIL"
        failed=1
    fi
    printf '  %-22s %11s %% of bare, median of %s (target >= %s %%)  %s\n' "$label" "$median" "${ratios[*]}" "$target" "$verdict"
}

echo
echo "RunRun API load benchmark: $(nproc) cores, $CONNECTIONS connections, $THREADS wrk threads, $ROUNDS round(s) of ${DURATION}s runs, $SHOPPERS shopper(s), GC gen-0 budget ${GC_GEN0_SIZE:-default}, commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
printf '  %-22s %12s %12s %10s %11s\n' "run.round" "expected/s" "all req/s" "p99 ms" "unexpected"
for ((round = 1; round <= ROUNDS; round++)); do
    report_row "orders-api.$round" 201
    report_row "orders-bare.$round" 201
    report_row "sold-out-api.$round" 409
    report_row "sold-out-bare.$round" 201
done
echo
report_ratio "orders API/bare" orders 201 "$ORDER_TARGET"
report_ratio "sold out API/bare" sold-out 409 "$SOLD_OUT_TARGET"
echo "  (expected/s counts 201s, or 409s on the sold-out product; unexpected = other statuses + socket errors;"
echo "   the answers by status are in the runrun: lines above)"
if grep -qs '^runrun: statuses.* 409=' "$work"/orders-api.*.out; then
    echo "  409s in the API's orders run are most likely limit_exceeded: more orders than $SHOPPERS shoppers x $LIMIT;"
    echo "  raise ORDER_RATE_CEILING or SHOPPERS"
fi
exit "$failed"
