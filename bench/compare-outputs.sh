#!/bin/sh
# Byte-for-byte check that two builds of the CLI print the same plans and notes on the bench
# repositories (cold, cached and first-parent runs, stdout and stderr), e.g. before and after a
# performance change:
#
#   cp -r packages/cli/dist/bundle /tmp/before      # build of the old commit
#   npm run -s build                                # the new one
#   bench/compare-outputs.sh /tmp/before/slipway.cjs packages/cli/dist/bundle/slipway.cjs
#
# Runs on the repositories `npm run bench` generated under bench/.repos/; leaves their caches empty.
set -eu
old=$(readlink -f "$1")
new=$(readlink -f "$2")
repos=$(cd "$(dirname "$0")/.repos" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
run() { # <slipway.cjs or main.js> <dir> <output name> <args...>
  run_main=$1 run_dir=$2 run_name=$3
  shift 3
  node "$run_main" "$@" --cwd "$run_dir" >"$run_name.out" 2>"$run_name.err" ||
    echo "exit $?" >>"$run_name.err"
}
for build in old new; do
  eval "main=\$$build"
  mkdir -p "$out/$build"
  for repo in linear-1000 linear-10000 linear-100000 usual; do
    dir="$repos/$repo"
    [ -d "$dir" ] || continue
    o="$out/$build/$repo"
    rm -rf "$dir/.git/slipway"
    run "$main" "$dir" "$o.plan" plan --json --no-cache
    run "$main" "$dir" "$o.notes" notes --no-cache --date 2026-01-01
    run "$main" "$dir" "$o.notes-json" notes --json --no-cache --date 2026-01-01
    run "$main" "$dir" "$o.plan-cached-1" plan --json
    run "$main" "$dir" "$o.plan-cached-2" plan --json
    run "$main" "$dir" "$o.notes-cached" notes --date 2026-01-01
    run "$main" "$dir" "$o.plan-first-parent" plan --json --first-parent --no-cache
    run "$main" "$dir" "$o.plan-rc" plan --json --prerelease rc --no-cache
    rm -rf "$dir/.git/slipway"
  done
done
diff -r "$out/old" "$out/new" && echo "identical: $(ls "$out/new" | wc -l) outputs"
