package org.dissect.bench;

import java.util.concurrent.TimeUnit;
import org.dissect.enumeration.MultisetRanking;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How fast are the multiset ranking primitives? Operations per second: one successor (amortised O(1)), one
 * unrank or one rank of a pseudo-random rank (O(N + b)). Baseline: producing the pseudo-random rank alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class RankingBenchmark {
    /** {@code N:b}. */
    @Param({"12:9", "30:8"})
    public String space;

    private MultisetRanking ranking;
    private int[] tuple;
    private long state;
    private long count;

    @Setup
    public void setup() {
        String[] p = space.split(":");
        ranking = new MultisetRanking(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
        count = ranking.count();
        tuple = ranking.unrank(0);
        state = 12345;
    }

    private long nextRank() {
        state = state * 6364136223846793005L + 1442695040888963407L;
        return Long.remainderUnsigned(state, count);
    }

    @Benchmark
    public long baseline() {
        return nextRank();
    }

    @Benchmark
    public int[] successor() {
        if (!ranking.successor(tuple)) {
            ranking.unrank(0, tuple);
        }
        return tuple;
    }

    @Benchmark
    public int[] unrank() {
        ranking.unrank(nextRank(), tuple);
        return tuple;
    }

    @Benchmark
    public void rankOfUnranked(Blackhole bh) {
        ranking.unrank(nextRank(), tuple);
        bh.consume(ranking.rank(tuple));
    }
}
