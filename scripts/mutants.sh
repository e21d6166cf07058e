#!/usr/bin/env bash
# Mutation testing, measured (not part of scripts/test.sh: it takes tens of
# minutes on 2 cores). cargo-mutants changes the code one mutation at a time
# (an operator flipped, a function returning a default, ...) and runs the
# tests; a mutant they do not catch is a change no test pins. Run it before
# a change to the engine or the model's rules lands; report the figures.
#
# Usage: scripts/mutants.sh [engine|rules|all] [more cargo-mutants options]
#   engine  the dose engine (crates/engine), against its own tests
#   rules   the model's rules (saved data, links, the diary, bottles,
#           orders, plans, outcomes, records, a scanned pack's code), against
#           the model's tests
# Results in mutants.out/<part>/ (cargo-mutants' own files: missed.txt,
# caught.txt, unviable.txt, outcomes.json), and a table per file here.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
MUTANTS_VERSION=27.0.0
if ! cargo mutants --version 2>/dev/null | grep -qx "cargo-mutants $MUTANTS_VERSION"; then
  cargo install --locked cargo-mutants --version "$MUTANTS_VERSION"
fi
part=${1:-all}
shift || true

run() {
  local name=$1 package=$2
  shift 2
  local files=()
  for f in "$@"; do files+=(--file "$f"); done
  echo "== mutants: $name ($package)"
  mkdir -p "mutants.out/$name"
  # Exit codes 2 (missed mutants) and 3 (timeouts) still give a report.
  cargo mutants --package "$package" "${files[@]}" --output "mutants.out/$name" \
    --timeout-multiplier 3 "${EXTRA[@]}" || [ $? -le 3 ]
  node scripts/mutants-summary.mjs "mutants.out/$name/mutants.out/outcomes.json"
}

EXTRA=("$@")
case "$part" in
  engine | all)
    run engine ldn-engine $(ls crates/engine/src/*.rs | grep -v -e testing.rs -e lib.rs) ;;&
  rules | all)
    run rules ldn-model crates/model/src/{saved,link,diary,bottle,order,plan,outcome,record,gs1}.rs crates/model/src/diary/csv.rs ;;
  engine) ;;
  *) echo "usage: scripts/mutants.sh [engine|rules|all] [cargo-mutants options]" >&2; exit 2 ;;
esac
