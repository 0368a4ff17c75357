package org.dissect.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class MlpTest {
    /** A 2-2-1 network worked by hand: z1 = W1 x + b1, a1 = relu(z1), f = W2 a1 + b2. */
    @Test
    void forwardAsWorkedByHand() {
        Mlp mlp = new Mlp(2, 2, 1);
        double[][] p = {{1, -1, 2, 0.5}, {0.5, -3}, {2, -1}, {0.25}};
        double[] x = {1, 2, -1, 1};
        try (JavaGemm g = new JavaGemm(null)) {
            double[] f = mlp.forward(p, x, 2, mlp.workspace(2), g);
            // row 1: z1 = (1-2+0.5, 2+1-3) = (-0.5, 0) -> a1 = (0, 0) -> f = 0.25
            // row 2: z1 = (-1-1+0.5, -2+0.5-3) = (-1.5, -4.5) -> f = 0.25
            assertArrayEquals(new double[] {0.25, 0.25}, java.util.Arrays.copyOf(f, 2));
            double[] x2 = {3, 1};
            // z1 = (3-1+0.5, 6+0.5-3) = (2.5, 3.5) -> f = 5 - 3.5 + 0.25
            assertEquals(1.75, mlp.forward(p, x2, 1, mlp.workspace(1), g)[0]);
        }
    }

    @Test
    void pytorchDefaultInitialisationBounds() {
        Mlp mlp = new Mlp(16, 4, 3);
        double[][] p = mlp.initialParameters(RandomSource.XO_RO_SHI_RO_128_PP.create(1));
        assertEquals(4, p.length);
        assertEquals(64, p[0].length);
        assertEquals(4, p[1].length);
        assertEquals(12, p[2].length);
        assertEquals(16 * 4 + 4 + 4 * 3 + 3, mlp.parameterCount());
        for (double v : p[0]) {
            assertTrue(Math.abs(v) <= 0.25);
        }
        for (double v : p[2]) {
            assertTrue(Math.abs(v) <= 0.5);
        }
    }

    @Test
    void badWidthsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Mlp(3));
        assertThrows(IllegalArgumentException.class, () -> new Mlp(3, 0, 2));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Mlp(100000, 100000)).getMessage().contains("2^31"));
    }
}
