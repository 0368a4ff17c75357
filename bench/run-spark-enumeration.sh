#!/usr/bin/env bash
# One exact enumeration (docs/examples/fig6-simplex.csv: K = 3 classes of n = 4 on the unit circle, every class at
# a vertex of the triangle) at batch size b, four ways: the Java engine on 1 and 2 threads, and its lanes as Apache
# Spark tasks on local[1] and local[2]. Prints the machine facts, and per run the wall time, the CPU time
# (user + system, from /usr/bin/time) and the JSON keys that bench/README.md records. Spark's start-up is timed
# on its own (a 3-batch enumeration). Results go to bench/target/spark-results/ or to $2.
# Usage: bench/run-spark-enumeration.sh [b=24] [out]. b = 24: 417,225,900 batches; b = 27: 1.2e9; b = 34: 1.01e10.
# Do not run it next to a test suite or another benchmark: on a small machine they share the cores.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
batch="${1:-24}"
out="${2:-$root/bench/target/spark-results}"
mkdir -p "$out"
points="$root/docs/examples/fig6-simplex.csv"
"$root/dissect" --version >/dev/null  # builds the jar and the Spark class path if needed
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/machine-b$batch.txt"
run() {
  local name="$1" b="$2"
  shift 2
  /usr/bin/time -f "%e s wall, %U s user, %S s system" -o "$out/$name-b$b.time" \
    "$root/dissect" enumerate "$points" --batch "$b" --json --no-progress "$@" > "$out/$name-b$b.json"
  printf '%-13s b=%-3s %s  load %s\n' "$name" "$b" "$(cat "$out/$name-b$b.time")" "$(cut -d' ' -f1 /proc/loadavg)"
  grep -E '"(batchCount|totalLoss|gap|lanes|seconds|batchesPerSecond)"|"device"' "$out/$name-b$b.json" | tr -s ' ' | paste -sd' '
}
run java-startup 3 --engine java --threads 1
run spark-startup 3 --spark 'local[1]'
run java-1 "$batch" --engine java --threads 1
run spark-1 "$batch" --spark 'local[1]'
run java-2 "$batch" --engine java --threads 2
run spark-2 "$batch" --spark 'local[2]'
for f in java-1 spark-1 java-2 spark-2; do
  sed -n 's/.*"totalLoss" : \(.*\),/\1/p' "$out/$f-b$batch.json"
done | sort -u | { read -r first; if read -r other; then echo "totals DIFFER: $first $other"; exit 1; else echo "totals identical: $first"; fi; }
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine-b$batch.txt"
