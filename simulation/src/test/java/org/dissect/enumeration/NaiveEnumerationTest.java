package org.dissect.enumeration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dissect.engine.Engine;
import org.junit.jupiter.api.Test;

/** The reference itself; its values are checked against Theorem 2 and finite differences by the engines' suite. */
class NaiveEnumerationTest {
    @Test
    void progressComesInBlocksOf65536AndAddsUpToTheBatchCount() {
        EnumerationProblem p = TestProblems.simplex(2, 5, 1, 1.0, 6);  // C(15, 6) = 5,005 batches: one report
        EnumerationProblem q = TestProblems.simplex(3, 4, 2, 1.0, 9);  // 167,960 batches
        List<Long> reports = new CopyOnWriteArrayList<>();
        NaiveEnumeration naive = new NaiveEnumeration();
        assertEquals(Engine.NAIVE, naive.engine().kind());
        long started = System.nanoTime();
        EnumerationResult r = naive.enumerate(q, EnumerationRequest.loss().withProgress(reports::add));
        double wall = (System.nanoTime() - started) * 1e-9;
        assertTrue(r.seconds() > 0 && r.seconds() <= wall, r.seconds() + " s of " + wall);
        assertEquals(List.of(65536L, 65536L, 167_960L - 2 * 65536), reports);
        assertEquals(167_960, r.batchCount());
        assertEquals(q.theorem2().orElseThrow().meanBound(), r.meanLoss(), 1e-12 * r.meanLoss());
        reports.clear();
        naive.enumerate(p, EnumerationRequest.loss().withProgress(reports::add));
        assertEquals(List.of(p.batchCount()), reports);
    }
}
