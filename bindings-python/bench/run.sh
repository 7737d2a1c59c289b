#!/usr/bin/env bash
# The Python benchmark: `ekzh.check` from bytes and from a list of dicts, each against the
# native check of the same generated register, in one run.
#
#   bindings-python/bench/run.sh [EVENTS] [RUNS]      (default: 120000 events, 5 runs)
#
# Installs the package as a user would (`pip install ./bindings-python`, a release build)
# into target/python-bench-venv, builds the native baseline with `cargo build --release`.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
events=${1:-120000}
runs=${2:-5}

venv=$root/target/python-bench-venv
"$venv/bin/python" -c 'import pip' 2>/dev/null || python3 -m venv "$venv"
CARGO_TARGET_DIR=$root/target/python-release \
    "$venv/bin/python" -m pip install -q --disable-pip-version-check ./bindings-python
cargo build --release --locked -p ekzh --example native_check

register=$root/target/bench-register-$events.ndjson
"$venv/bin/python" bindings-python/bench/gen_register.py --events "$events" --out "$register"
"$venv/bin/python" bindings-python/bench/bench.py "$register" --runs "$runs" \
    --native "$root/target/release/examples/native_check"
