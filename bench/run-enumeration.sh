#!/usr/bin/env bash
# Runs the enumeration benchmarks in their short configurations and prints the machine facts that
# bench/README.md records. Results (JMH JSON) go to bench/target/enumeration-results/ or to $1.
# Do not run it next to a test suite or another benchmark: on a small machine they share the cores.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
out="${1:-$root/bench/target/enumeration-results}"
mkdir -p "$out"
mvn -q -B -ntp -f "$root/pom.xml" -pl bench -am package -DskipTests 1>&2
jar="$root/bench/target/benchmarks.jar"
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "opencl: $(clinfo -l 2>/dev/null | tr -s ' ' | paste -sd' ' || echo none)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/machine.txt"
java -jar "$jar" 'LogFloorBenchmark|RankingBenchmark|BatchLossKernelBenchmark' \
  -f 1 -wi 2 -w 1s -i 3 -r 1s -rf json -rff "$out/micro.json" | sed -n '/^Benchmark/,$p'
java -jar "$jar" EnumerationBenchmark -p setting=fig6 \
  -f 1 -wi 2 -w 2s -i 3 -r 2s -rf json -rff "$out/fig6.json" | sed -n '/^Benchmark/,$p'
java -jar "$jar" EnumerationBenchmark -p setting=n30b8 -p engine=java-1,java-2,opencl \
  -f 1 -wi 1 -w 5s -i 3 -r 5s -rf json -rff "$out/n30b8.json" | sed -n '/^Benchmark/,$p'
java -cp "$jar" org.dissect.enumeration.CpuTimeThroughput | tee "$out/cpu-time.txt"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
