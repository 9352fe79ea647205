#!/usr/bin/env bash
# Runs every test of the solution, the way CI does: installs Debian's Chromium for the browser tests when
# /usr/bin/chromium is missing, builds (warnings are errors), starts a throwaway
# PostgreSQL cluster for the PostgreSQL contract tests, runs all test projects, stops the cluster,
# and prints one line "tests: N passed, M failed" summed from the test results (TRX files).
# Exit code: 0 only if the build succeeded and no test failed.
set -euo pipefail
cd "$(dirname "$0")/.."

configuration="${CONFIGURATION:-Release}"
results="$(mktemp -d "${TMPDIR:-/tmp}/jido-test-results.XXXXXX")"
export JIDO_PG_TEST_DIR="${JIDO_PG_TEST_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/jido-pg.XXXXXX")}"

cleanup() {
    eng/pg-test-cluster.sh stop >/dev/null 2>&1 || true
    rm -rf "$results"
}
trap cleanup EXIT

# tests/Browser.Tests drive Debian's Chromium through Playwright, which must never download a browser itself.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [[ ! -x /usr/bin/chromium ]]; then
    echo "Installing Debian's chromium for the browser tests (tests/Browser.Tests)..." >&2
    as_root=()
    if [[ "$(id -u)" -ne 0 ]]; then
        as_root=(sudo -n)
    fi
    if ! { "${as_root[@]}" apt-get update -q && "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; } >&2 \
        || [[ ! -x /usr/bin/chromium ]]; then
        echo "error: /usr/bin/chromium is missing and 'apt-get install -y chromium' failed; the browser tests need it" >&2
        exit 1
    fi
fi

dotnet build JidoSessions.sln -c "$configuration" -nologo -clp:ErrorsOnly

# The official openai npm client, for the gateway's client round trip (tests/node-client, versions locked).
if ! command -v npm >/dev/null 2>&1; then
    echo "eng/test.sh: npm (Node.js) is required for the openai client tests; install Debian's nodejs and npm" >&2
    exit 1
fi
npm ci --prefix tests/node-client --no-audit --no-fund --loglevel=error >/dev/null

if [[ -z "${JIDO_TEST_POSTGRES:-}" ]]; then
    eval "$(eng/pg-test-cluster.sh start)"
fi

status=0
dotnet test JidoSessions.sln -c "$configuration" --no-build -nologo \
    --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" || status=$?

passed=0
failed=0
found=0
for trx in "$results"/*.trx; do
    [[ -e "$trx" ]] || continue
    found=$((found + 1))
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
    p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    e="$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")"
    a="$(sed -n 's/.* aborted="\([0-9]*\)".*/\1/p' <<<"$counters")"
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0} + ${e:-0} + ${a:-0}))
done

if [[ "$found" -eq 0 ]]; then
    echo "no test results were written" >&2
    status=1
fi
if [[ "$status" -ne 0 && "$failed" -eq 0 ]]; then
    # The runner failed without a failing test (a crashed test host): count it, never hide it.
    failed=1
fi

echo "tests: $passed passed, $failed failed"
[[ "$status" -eq 0 && "$failed" -eq 0 ]]
