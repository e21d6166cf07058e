#!/usr/bin/env bash
# Known-vulnerability audit of the Rust dependencies (cargo deny check
# advisories, policy in deny.toml). Uses the live RustSec database where its
# git host can be reached, else the offline snapshot in
# ../shared/rustsec-advisory-db, and says which one. Any advisory deny.toml
# does not accept fails the run in both modes. Run by scripts/test.sh, after
# scripts/setup.sh (cargo-deny, git, crates fetched).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

# cargo-deny 0.20.2 keeps the default database (a git clone) in
# <db-path>/advisory-db-<hash of its URL>; db-path defaults to
# $CARGO_HOME/advisory-dbs.
db_dir=advisory-db-3157b0e258782691
work=$(mktemp -d "${TMPDIR:-/tmp}/ldn-advisories.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Fetching decides the mode, so the check itself always runs with --offline:
# its exit status then means "advisories found" (or a broken setup), never
# "network down". Fetching only clones or updates; it finds nothing.
if timeout 60 cargo deny fetch db 2>"$work/fetch.err"; then
  head=$(git -C "${CARGO_HOME:-$HOME/.cargo}/advisory-dbs/$db_dir" log -1 --format='commit %h of %cs' 2>/dev/null || true)
  echo "advisories: live RustSec database (fetched $(date -u '+%Y-%m-%d %H:%M UTC')${head:+, $head})"
  cargo deny --offline check advisories
  exit 0
fi
why=$(grep -m1 'fatal:' "$work/fetch.err" || grep -m1 ERROR "$work/fetch.err" || echo "no answer in 60 s")
echo "advisories: the live RustSec database could not be fetched: $why"

# The snapshot sits beside the repository; in a git worktree, beside the main
# checkout (worktrees here live in /tmp).
snap=../shared/rustsec-advisory-db
if [ ! -f "$snap/SNAPSHOT.md" ] && common=$(git rev-parse --path-format=absolute --git-common-dir 2>/dev/null); then
  snap=$(dirname "$(dirname "$common")")/shared/rustsec-advisory-db
fi
if [ ! -f "$snap/SNAPSHOT.md" ]; then
  echo "advisories: FAILED: no database to check against (no ../shared/rustsec-advisory-db/SNAPSHOT.md either)" >&2
  exit 1
fi
meta=$(tr '\n' ' ' <"$snap/SNAPSHOT.md" |
  sed -nE 's/.*commit ([0-9a-f]{40}) \(([0-9]{4}-[0-9]{2}-[0-9]{2})\).*/\1 \2/p')
commit=${meta% *} date=${meta#* }
if [ -z "$meta" ]; then
  echo "advisories: FAILED: no 'commit <sha> (<date>)' in $snap/SNAPSHOT.md" >&2
  exit 1
fi
echo "advisories: offline snapshot of the RustSec database, commit ${commit:0:7}, dated $date ($snap/SNAPSHOT.md)"
age=$((($(date -u +%s) - $(date -u -d "$date" +%s)) / 86400))
if [ "$age" -gt 90 ]; then
  # cargo-deny refuses a database it has not fetched for 90 days; it cannot
  # see the snapshot's age (the copy below is new), so say it here.
  echo "advisories: warning: the snapshot is $age days old; advisories published since $date are not checked"
fi

# cargo-deny opens the database as a git repository. The snapshot is
# read-only and not one: check a one-commit copy of it instead.
db="$work/dbs/$db_dir"
mkdir -p "$work/dbs"
cp -R "$snap" "$db"
chmod -R u+w "$db"
git -C "$db" init -q
git -C "$db" add -A
GIT_AUTHOR_DATE="${date}T00:00:00Z" GIT_COMMITTER_DATE="${date}T00:00:00Z" \
  git -C "$db" -c user.name=ldn-calc -c user.email=ldn-calc@localhost \
  commit -q -m "RustSec advisory-db snapshot $commit"

# Same policy, pointed at the copy (deny.toml keeps the default db-path so the
# live mode shares cargo's usual cache).
awk -v p="$work/dbs" '{ print } $0 == "[advisories]" { print "db-path = \"" p "\"" }' \
  deny.toml >"$work/deny.toml"
grep -q '^db-path' "$work/deny.toml" || { echo "advisories: FAILED: deny.toml has no [advisories] table" >&2; exit 1; }
cargo deny --offline --config "$work/deny.toml" check advisories
