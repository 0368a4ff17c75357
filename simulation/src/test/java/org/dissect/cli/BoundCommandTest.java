package org.dissect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BoundCommandTest {

    @Test
    void scJsonReproducesFigure6BoundAndExactBatchCount() {
        CliRun r = CliRun.of("bound", "sc", "--classes", "3", "--per-class", "4", "--batch", "9", "--rho", "1", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = r.json();
        assertEquals(3, j.get("classes").asInt());
        assertEquals(4, j.get("perClass").asInt());
        assertEquals(9, j.get("batch").asInt());
        assertEquals(1.0, j.get("rho2").asDouble());
        // The paper's Fig. 6 value, printed to 5 decimals.
        assertEquals(12.12015, j.get("meanBound").asDouble(), 5e-6);
        // C(20, 9) = 167,960 multisets of size 9 from 12 points.
        assertEquals("167960", j.get("batchCount").asText());
        BigDecimal total = new BigDecimal(j.get("totalBound").asText());
        assertEquals(j.get("meanBound").asDouble(), total.divide(new BigDecimal(167960), MathContext.DECIMAL64).doubleValue(), 1e-12);
    }

    @Test
    void scJsonAtCifar10ScaleReproducesSection52() {
        CliRun r = CliRun.of("bound", "sc", "--classes", "10", "--per-class", "5000", "--batch", "256", "--temperature", "0.1", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = r.json();
        assertEquals(824.487, j.get("meanBound").asDouble(), 5e-4);
        assertEquals(10.0, j.get("rho2").asDouble(), 1e-12);
        // |B| = C(50255, 256), recomputed here from the factorial formula.
        BigInteger expected = BigInteger.ONE;
        for (int i = 0; i < 256; i++) {
            expected = expected.multiply(BigInteger.valueOf(50255 - i));
        }
        BigInteger factorial = BigInteger.ONE;
        for (int i = 2; i <= 256; i++) {
            factorial = factorial.multiply(BigInteger.valueOf(i));
        }
        assertEquals(expected.divide(factorial).toString(), j.get("batchCount").asText());
    }

    @Test
    void scTableListsEveryClassCountWithItsBatchCount() {
        CliRun r = CliRun.of("bound", "sc", "--classes", "3", "--per-class", "4", "--batch", "9", "--rho2", "1", "--table", "--json");
        JsonNode terms = r.json().get("terms");
        assertEquals(10, terms.size());
        BigInteger sum = BigInteger.ZERO;
        for (JsonNode t : terms) {
            sum = sum.add(new BigInteger(t.get("Ml").asText()));
        }
        assertEquals(BigInteger.valueOf(3 * 167960), sum, "sum of M_l is K |B|");
    }

    @Test
    void scBatchOfTwoIsLegalButTrivial() {
        CliRun r = CliRun.of("bound", "sc", "--classes", "3", "--per-class", "4", "--batch", "2", "--rho", "1", "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(0.0, r.json().get("meanBound").asDouble());
        assertTrue(r.json().get("note").asText().contains("trivial"));
    }

    @Test
    void scTextOutputIsAReadableTable() {
        CliRun r = CliRun.of("bound", "sc", "--classes", "3", "--per-class", "4", "--batch", "9", "--rho", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("mean bound"), r.out());
        assertTrue(r.out().contains("12.1201501274"), r.out());
    }

    @Test
    void ceWithLambdaSolvesRwAndSplitsTheBound() {
        CliRun r = CliRun.of("bound", "ce", "--classes", "3", "--rho", "1", "--lambda", "0.01", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = r.json();
        double rW = j.get("rW").asDouble();
        // r_W solves 2 lambda x = rho / (exp(K rho x/(K-1)) + K - 1); residual relative to 2 lambda x.
        assertEquals(2 * 0.01 * rW, 1.0 / (Math.exp(1.5 * rW) + 2), 1e-15);
        assertEquals(2.06657, rW, 5e-6);
        assertEquals(Math.log1p(2 * Math.exp(-1.5 * rW)), j.get("ce").asDouble(), 1e-15);
        assertEquals(0.01 * 3 * rW * rW, j.get("penalty").asDouble(), 1e-15);
        assertEquals(j.get("ce").asDouble() + j.get("penalty").asDouble(), j.get("bound").asDouble(), 1e-15);
    }

    @Test
    void ceWithWeightNormOrFrobeniusGivesCorollary1OrTheorem1() {
        JsonNode c1 = CliRun.of("bound", "ce", "--classes", "4", "--rho", "2", "--weight-norm", "0.5", "--json").json();
        assertEquals(Math.log1p(3 * Math.exp(-4 * 2 * 0.5 / 3)), c1.get("bound").asDouble(), 1e-15);
        assertEquals(0.5, c1.get("rW").asDouble());
        JsonNode t1 = CliRun.of("bound", "ce", "--classes", "4", "--rho", "2", "--frobenius", "1", "--json").json();
        // Theorem 1 with ||W||_F = sqrt(K) r_W equals Corollary 1.
        assertEquals(Math.log1p(3 * Math.exp(-2 * 2 * 1.0 / 3)), t1.get("bound").asDouble(), 1e-15);
    }

    @Test
    void supconReportsFloorBelowTheUninformativeLevel() {
        CliRun r = CliRun.of("bound", "supcon", "--classes", "10", "--dataset-size", "50000", "--batch", "256",
            "--views", "2", "--temperature", "0.1", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = r.json();
        // (tau/tau_base) log(M-1) with M = 512 anchors: the plateau SupCon users ask about.
        assertEquals(0.1 / 0.07 * Math.log(511), j.get("uninformativeLevel").asDouble(), 1e-12);
        assertEquals(8.909, j.get("uninformativeLevel").asDouble(), 5e-4);
        assertTrue(j.get("lossFloor").asDouble() < j.get("uninformativeLevel").asDouble());
        assertEquals("without-replacement", j.get("sampling").asText());
    }

    @Test
    void supconWithOneViewAtBaseTemperatureIsTheTheorem2MeanBoundPerAnchor() {
        JsonNode floor = CliRun.of("bound", "supcon", "--classes", "3", "--dataset-size", "12", "--batch", "9", "--views", "1",
            "--temperature", "1", "--base-temperature", "1", "--sampling", "multiset", "--json").json();
        JsonNode bound = CliRun.of("bound", "sc", "--classes", "3", "--per-class", "4", "--batch", "9", "--rho", "1", "--json").json();
        assertEquals(bound.get("meanBound").asDouble() / 9, floor.get("lossFloor").asDouble(), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "bound sc --classes 1 --per-class 4 --batch 9 --rho 1",
        "bound sc --classes 3 --per-class 0 --batch 9 --rho 1",
        "bound sc --classes 3 --per-class 4 --batch 1 --rho 1",
        "bound sc --classes 3 --per-class 4 --batch 9 --rho -1",
        "bound sc --classes 3 --per-class 4 --batch 9 --rho2 0",
        "bound sc --classes 3 --per-class 4 --batch 9 --temperature Infinity",
        "bound sc --classes 3 --per-class 4 --batch 9 --rho NaN",
        "bound sc --classes three --per-class 4 --batch 9 --rho 1",
        "bound sc --classes 3 --per-class 4 --batch 9",
        "bound sc --classes 3 --per-class 4 --batch 9 --rho 1 --rho2 1",
        "bound ce --classes 3 --rho 1 --lambda 0",
        "bound ce --classes 3 --rho 0 --lambda 1",
        "bound ce --classes 3 --rho 1 --lambda -Infinity",
        "bound ce --classes 3 --rho 1",
        "bound ce --classes 3 --rho 1 --weight-norm -2",
        "bound supcon --classes 3 --dataset-size 10 --batch 4 --temperature 0.1",
        "bound supcon --classes 3 --dataset-size 12 --batch 4 --temperature 0",
        "bound supcon --classes 3 --dataset-size 12 --batch 4 --temperature 0.1 --sampling foo",
        "bound supcon --classes 3 --dataset-size 12 --batch 13 --temperature 0.1 --sampling without-replacement",
        "bound supcon --classes 3 --dataset-size 12 --batch 4 --views 0 --temperature 0.1",
    })
    void badInputExitsTwoWithOneLineOnStderrAndNothingOnStdout(String line) {
        CliRun r = CliRun.of(line.split(" "));
        assertEquals(2, r.exitCode(), line + " -> " + r.err());
        assertEquals("", r.out(), line);
        String err = r.err().strip();
        assertTrue(!err.isEmpty() && !err.contains("\n"), "one line expected: " + err);
        assertTrue(err.startsWith("dissect bound "), err);
        assertTrue(!err.contains("Exception") && !err.contains("\tat "), "no stack trace: " + err);
    }
}
