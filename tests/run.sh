#!/usr/bin/env bash
# Runs every test project and ends with one line "N passed, M failed" summed over all of them.
# Installs nothing today: SQLite ships inside its NuGet package; later suites add their servers here.
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "dotnet SDK 10.0.401 is required (see global.json)" >&2
  exit 2
fi

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

# One build, then the test projects one after another: the machines have 2 cores.
dotnet build RunRun.Orleans.sln -m:1 --nologo -v:q || { echo "0 passed, 1 failed"; exit 1; }

status=0
for project in tests/*/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  dotnet test "$project" --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
done

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx")"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  t="$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")"
  e="$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done

if [ "$passed" -eq 0 ]; then
  status=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
exit $status
