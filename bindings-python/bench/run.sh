#!/usr/bin/env bash
# The Python benchmark: `ekzh.check` from bytes and from a list of dicts, each against the
# native check of the same register, in one run.
#
#   bindings-python/bench/run.sh [REGISTER AS_OF] [RUNS]
#
# Without a register it writes one with `ekzh gen --classes 5 --weeks 34 --seed 1` (about
# 100 000 events); scripts/bench passes its 1M-event register. Installs the package as a
# user would (`pip install ./bindings-python`, a release build) into
# target/python-bench-venv and builds the native baseline (examples/native_check.rs).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
register=${1:-}
as_of=${2:-}
runs=${3:-5}

venv=$root/target/python-bench-venv
"$venv/bin/python" -c 'import pip' 2>/dev/null || python3 -m venv "$venv"
CARGO_TARGET_DIR=$root/target/python-release \
    "$venv/bin/python" -m pip install -q --disable-pip-version-check ./bindings-python
cargo build --release --locked -p ekzh --bin ekzh --example native_check

if [ -z "$register" ]; then
    register=$root/target/bench-register-100k.ndjson
    note=$(target/release/ekzh gen --classes 5 --weeks 34 --seed 1 2>&1 >"$register")
    as_of=$(sed -n 's/.*--as-of \([^`]*\)`.*/\1/p' <<<"$note")
fi
"$venv/bin/python" bindings-python/bench/bench.py "$register" --as-of "$as_of" --runs "$runs" \
    --native "$root/target/release/examples/native_check"
