#!/usr/bin/env bash
# The 1,080-cell exact sweep of bench/README.md ("Sweep: 1,000+ exact cells") on 2 local threads and on Apache Spark
# local[2], alternately, $1 times each (default 2), with /usr/bin/time; checks that every run wrote the same cells.csv.
# Results in bench/target/spark-sweep/ or $2. Do not run it next to a test suite or another benchmark.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
rounds="${1:-2}"
out="${2:-$root/bench/target/spark-sweep}"
rm -rf "$out"
mkdir -p "$out"
"$root/dissect" --version >/dev/null  # builds the jar and the Spark class path if needed
grid=(sweep sc --classes 2:4 --per-class 1:3 --dim 1:3 --batch 3:6 --rho 0.5:5:0.5 --mode exact --restarts 16 --seed 1)
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores;" \
  "$(java -version 2>&1 | head -1)"
for round in $(seq 1 "$rounds"); do
  for runner in threads spark; do
    if [ "$runner" = threads ]; then how=(--threads 2); else how=(--spark 'local[2]'); fi
    dir="$out/$runner-$round"
    load="$(cut -d' ' -f1 /proc/loadavg)"
    /usr/bin/time -f "%e s wall, %U s user, %S s system, %M KiB max RSS" -o "$dir.time" \
      "$root/dissect" "${grid[@]}" "${how[@]}" --out "$dir" > "$dir.txt" 2>/dev/null
    printf '%-8s round %s: %s; load before %s; sweep %s s; %s\n' "$runner" "$round" "$(cat "$dir.time")" "$load" \
      "$(sed -n 's/^ *"seconds" : \([0-9.]*\),*/\1/p' "$dir/manifest.json" | head -1)" "$(sha256sum "$dir/cells.csv" | cut -c1-16)"
  done
done
if [ "$(sha256sum "$out"/*/cells.csv | cut -d' ' -f1 | sort -u | wc -l)" -ne 1 ]; then
  echo "cells.csv DIFFER between runs" >&2
  exit 1
fi
echo "cells.csv identical in every run"
