package org.dissect.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SgdTest {
    /** PyTorch's documented update, worked by hand: d = g + λp, v = μv + d, p -= ηv. */
    @Test
    void twoStepsOfMomentumWithWeightDecay() {
        Sgd sgd = new Sgd(0.2, 0.9, 0.1);
        double[][] p = {{1.0}};
        double[][] g = {{0.5}};
        double[][] v = {{0.0}};
        sgd.step(p, g, v, 0.2);
        assertEquals(0.6, v[0][0], 1e-15);
        assertEquals(0.88, p[0][0], 1e-15);
        sgd.step(p, g, v, 0.2);
        assertEquals(0.9 * 0.6 + 0.5 + 0.1 * 0.88, v[0][0], 1e-15);
        assertEquals(0.88 - 0.2 * 1.128, p[0][0], 1e-15);
    }

    @Test
    void theRateDecaysAsTheFifthPowerToZeroAtT() {
        Sgd sgd = TrainSettings.PAPER_SGD;
        assertEquals(0.1, sgd.rate(0, 1000), 0);
        assertEquals(0.1 / 32, sgd.rate(500, 1000), 1e-17);
        assertEquals(0.1 * Math.pow(0.001, 5), sgd.rate(999, 1000), 1e-30);
    }

    @Test
    void badRatesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Sgd(0, 0.9, 0));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1, 0.9, -1));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(Double.NaN, 0.9, 0));
    }
}
