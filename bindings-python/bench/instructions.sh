#!/usr/bin/env bash
# Instructions executed by one check of a register (valgrind's callgrind: the same count
# whatever else the machine is doing), natively and from Python from bytes and from a list
# of dicts. Counts only inside `ekzh_core::check_bytes` (native) and `_ekzh::check` (the
# Python `ekzh.check`: conversion of the input, the check, the report object).
#
#   bindings-python/bench/instructions.sh REGISTER AS_OF     (after bench/run.sh built both)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
register=$1
as_of=$2
py=$root/target/python-bench-venv/bin/python
out=$(mktemp -d)

count() { awk '/^(summary|totals):/ { print $2; exit }' "$1"; }

valgrind -q --tool=callgrind --collect-atstart=no \
    --toggle-collect='ekzh_core::engine::check_bytes' --callgrind-out-file="$out/native" \
    "$root/target/release/examples/native_check" "$register" "$as_of" 1 >/dev/null
for form in bytes dicts; do
    valgrind -q --tool=callgrind --collect-atstart=no \
        --toggle-collect='_ekzh::check' --callgrind-out-file="$out/$form" \
        "$py" - "$register" "$as_of" "$form" <<'PY'
import json, sys
import ekzh
path, as_of, form = sys.argv[1:]
data = open(path, "rb").read()
events = data if form == "bytes" else [json.loads(l) for l in data.splitlines() if l.strip()]
ekzh.check(events, as_of)
PY
done
native=$(count "$out/native")
printf '%-28s %15s %7s\n' "" instructions ratio
printf '%-28s %15d %7.2f\n' "native check_bytes" "$native" 1
for form in bytes dicts; do
    n=$(count "$out/$form")
    printf '%-28s %15d %7.2f\n' "ekzh.check($form)" "$n" "$(awk "BEGIN { print $n / $native }")"
done
rm -rf "$out"
