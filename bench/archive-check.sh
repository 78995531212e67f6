#!/usr/bin/env bash
# Whole-archive check: ingests every file of the Hugging Face Daily Papers archive into a fresh index and checks
# that the index holds one paper per distinct arXiv id among the archive's object items, and that every archive
# day D lists exactly the papers of D's file (the query `papers --date D` runs; three days also through the CLI).
# Times the ingest against an older build (default: /work/main's), alternating runs so that machine load hits
# both alike.
#
# Usage: bench/archive-check.sh [ARCHIVE] [OLD_BIN_DIR] [RUNS]
#   ARCHIVE      default ../shared/data/hf-daily-papers (from the repository root)
#   OLD_BIN_DIR  a built src/Bot/bin/<config>/net10.0 of the older code, copied before use; "none" skips timing it
#   RUNS         timed runs of each build (default 2)
# Needs: a built src/Bot (dotnet build src/Bot), python3 (its json and sqlite3 modules) for the check.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
archive=$(cd "${1:-$root/../shared/data/hf-daily-papers}" && pwd)
old_bin=${2:-/work/main/src/Bot/bin/Debug/net10.0}
runs=${3:-2}
new_dll="$root/src/Bot/bin/Debug/net10.0/paperbot.dll"
[[ -f $new_dll ]] || { echo "build first: dotnet build src/Bot ($new_dll missing)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/paperbot-archive-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
old_dll=""
if [[ $old_bin != none ]]; then
  cp -r "$old_bin" "$work/old-bin"
  old_dll="$work/old-bin/paperbot.dll"
fi
mkdir -p "$work/empty-seed"

# Runs one build's `paperbot ingest ARCHIVE` into a fresh data folder; prints the wall time in seconds.
ingest() {
  local dll=$1 data=$2
  rm -rf "$data" && mkdir -p "$data"
  local start end
  start=$(date +%s.%N)
  PAPERBOT_Data__Directory="$data" PAPERBOT_Data__SeedDirectory="$work/empty-seed" \
    dotnet "$dll" ingest "$archive" --json > "$data.json" 2> "$data.err" || true
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "archive: $archive ($(ls "$archive"/*.json | wc -l) files)"
for run in $(seq 1 "$runs"); do
  if [[ -n $old_dll ]]; then
    echo "run $run old: $(ingest "$old_dll" "$work/old") s"
  fi
  echo "run $run new: $(ingest "$new_dll" "$work/new") s"
done

jq -r '"new ingest: \(.entries) entries, \(.added) papers added, \(.warnings | length) items skipped, \(.failures | length) files refused, \(.guessed_days) guessed days"' "$work/new.json"

python3 - "$archive" "$work/new/paperbot.db" <<'PY'
import glob, json, os, sqlite3, sys
archive, database = sys.argv[1], sys.argv[2]
ids, days = set(), {}
for path in sorted(glob.glob(os.path.join(archive, "*.json"))):
    data = json.load(open(path, encoding="utf-8"))
    items = data if isinstance(data, list) else []
    day_ids = {i["paper"]["id"] for i in items if isinstance(i, dict) and isinstance(i.get("paper"), dict)}
    ids |= day_ids
    days[os.path.basename(path)[:10]] = day_ids
db = sqlite3.connect(database)
papers = db.execute("SELECT count(*) FROM papers").fetchone()[0]
wrong = []
for day, expected in days.items():
    listed = {r[0] for r in db.execute(
        "SELECT p.arxiv_id FROM paper_days d JOIN papers p ON p.pid = d.pid WHERE d.day = ?", (day,))}
    if listed != expected:
        wrong.append(f"{day}: {len(listed - expected)} extra, {len(expected - listed)} missing")
print(f"papers: {papers}, distinct arXiv ids among object items: {len(ids)} -> {'OK' if papers == len(ids) else 'MISMATCH'}")
print(f"days: {len(days)} files, {len(days) - len(wrong)} list exactly their file's papers" + ("" if not wrong else "; wrong: " + "; ".join(wrong[:10])))
sys.exit(0 if papers == len(ids) and not wrong else 1)
PY

# The same query through the CLI, for three days of the three shapes.
for day in 2024-06-04 2025-03-11 2026-04-16; do
  expected=$(jq -r '[.[] | objects | .paper.id] | sort | join(",")' "$archive/$day.json")
  listed=$(PAPERBOT_Data__Directory="$work/new" dotnet "$new_dll" papers --date "$day" --json | jq -r '[.papers[].id] | sort | join(",")')
  [[ $expected == "$listed" ]] && echo "papers --date $day: OK" || { echo "papers --date $day: differs from the file" >&2; exit 1; }
done
