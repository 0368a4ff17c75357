package org.dissect.descent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link CeSimulation#run}: the reported wall time and step rate are consistent with the clock read around the run. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CeSimulationTest {
    @Test
    void timingOfARunIsWithinTheWallClockAroundIt() {
        CeSimulation.Settings s = new CeSimulation.Settings(3, 4, 3, 1.0, 0.01, false, 15, 0.1, 0, 3);
        long t0 = System.nanoTime();
        CeSimulation.Result r = CeSimulation.run(s, new JavaCeGradient(), StepListener.NONE);
        double wall = (System.nanoTime() - t0) * 1e-9;
        assertTrue(r.steps() >= 1, "steps " + r.steps());
        assertTrue(r.seconds() > 0 && r.seconds() <= wall, "seconds " + r.seconds() + " vs wall " + wall);
        assertTrue(Double.isFinite(r.stepsPerSecond()) && r.stepsPerSecond() >= r.steps() / wall,
            "steps/s " + r.stepsPerSecond() + " vs " + r.steps() / wall);
    }
}
