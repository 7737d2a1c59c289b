#!/usr/bin/env bash
# Builds the npm package `ekzh` into bindings-wasm/pkg/ (Node: pkg/node, browsers: pkg/web)
# and the demo page's assets into bindings-wasm/www/. Needs the wasm32-unknown-unknown
# target, wasm-bindgen (the version of Cargo.lock) and `npm ci` run here (for wasm-opt);
# scripts/test-wasm installs them.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$here"

# The release profile, tuned for a module that travels to browsers: whole-program
# optimisation for size, no debug info (the workspace's release profile keeps line tables
# for the command line's backtraces). Measured on the benchmark register: opt-level `s` is
# as fast as `3` and a sixth smaller; `z` is smaller still but twice as slow.
CARGO_PROFILE_RELEASE_LTO=fat \
CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
CARGO_PROFILE_RELEASE_DEBUG=false \
CARGO_PROFILE_RELEASE_OPT_LEVEL="${EKZH_WASM_OPT_LEVEL:-s}" \
    cargo build -p ekzh-wasm -p ekzh-wasm-report -p ekzh-wasm-tools --target wasm32-unknown-unknown --release --locked
target_dir="$(cargo metadata --format-version 1 --no-deps --locked |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')"
release="$target_dir/wasm32-unknown-unknown/release"

rm -rf pkg
# Three modules: the checker (`ekzh`), the справка (`ekzh_report`, loaded only by those
# who write one) and the NetSchool importer (`ekzh_tools`, loaded only by those who import).
for module in ekzh:ekzh_wasm ekzh_report:ekzh_report ekzh_tools:ekzh_tools; do
    name=${module%%:*}
    wasm="$release/${module#*:}.wasm"
    for target in nodejs web; do
        dir=node
        [ "$target" = web ] && dir=web
        wasm-bindgen --target "$target" --out-dir "pkg/$dir" --out-name "$name" "$wasm"
    done
    # Both targets get the same module; optimise it once (binaryen from npm: Debian's
    # wasm-opt is too old for what rustc emits).
    cmp -s "pkg/node/${name}_bg.wasm" "pkg/web/${name}_bg.wasm" || {
        echo "build.sh: the nodejs and web modules of $name differ; optimising each" >&2
        node_modules/.bin/wasm-opt -O3 "pkg/web/${name}_bg.wasm" -o "pkg/web/${name}_bg.wasm"
    }
    node_modules/.bin/wasm-opt -O3 "pkg/node/${name}_bg.wasm" -o "pkg/node/${name}_bg.wasm"
    cmp -s "pkg/node/${name}_bg.wasm" "pkg/web/${name}_bg.wasm" ||
        cp "pkg/node/${name}_bg.wasm" "pkg/web/${name}_bg.wasm"
done

cp npm/package.json npm/README.md pkg/
cp npm/index.mjs npm/index.d.mts npm/report.mjs npm/report.d.mts npm/tools.mjs npm/tools.d.mts pkg/node/
rm -f pkg/*/.gitignore
# The browser build is ES modules; the Node build CommonJS (with index.mjs beside it).
echo '{ "type": "module" }' >pkg/web/package.json
version="$(cargo pkgid -p ekzh-wasm | sed 's/.*[#@]//')"
node -e '
const fs = require("fs");
const p = JSON.parse(fs.readFileSync("pkg/package.json", "utf8"));
p.version = process.argv[1];
fs.writeFileSync("pkg/package.json", JSON.stringify(p, null, 2) + "\n");
' "$version"

# Tests and the typed example import the package by name, as a user would.
mkdir -p node_modules
ln -sfn ../pkg node_modules/ekzh

# The demo page: the browser build and the bundled demo register beside it.
rm -rf www/pkg
cp -r pkg/web www/pkg
cp "$root/examples/demo.ndjson" www/demo.ndjson

for name in ekzh ekzh_report ekzh_tools; do
    wasm_size=$(wc -c <"pkg/web/${name}_bg.wasm")
    gz_size=$(gzip -9 -c "pkg/web/${name}_bg.wasm" | wc -c)
    echo "${name}_bg.wasm: $wasm_size bytes, $gz_size gzipped"
done
