package org.dissect.cli;

import org.dissect.io.BadInputException;
import org.dissect.theory.Checks;
import picocli.CommandLine.Option;

/**
 * The sphere radius of the SC loss, given one of three equivalent ways: ρ, ρ², or the temperature
 * τ of Khosla et al. ({@code ρ² = 1/τ}). Used as an exclusive picocli argument group.
 */
public final class RadiusOptions {
    @Option(names = "--rho", paramLabel = "R", description = "sphere radius rho")
    Double rho;

    @Option(names = "--rho2", paramLabel = "R2", description = "squared radius rho^2")
    Double rho2;

    @Option(names = "--temperature", paramLabel = "T", description = "temperature tau (rho^2 = 1/tau)")
    Double temperature;

    /**
     * ρ² from whichever option was given, each message naming that option. A valid radius whose square
     * underflows to zero ({@code --rho} below about 2.2e-162) is represented by the smallest positive double:
     * every bound agrees to all its digits with its value at any ρ² that small. A square or reciprocal that
     * overflows ({@code --rho} above about 1.3e154, {@code --temperature} below about 5.6e-309) is refused.
     *
     * @return ρ², finite and positive
     */
    public double rho2() {
        if (rho != null) {
            double r = Checks.positive("--rho", rho);
            return representable("--rho " + rho + " gives rho^2", r * r);
        }
        if (rho2 != null) {
            return Checks.positive("--rho2", rho2);
        }
        double t = Checks.positive("--temperature", temperature);
        return representable("--temperature " + temperature + " gives rho^2 = 1/tau", 1.0 / t);
    }

    /**
     * ρ itself: the value of {@code --rho} exactly as given (not the square root of its square, which may differ
     * in the last bit), else the square root of {@link #rho2()}.
     *
     * @return ρ, finite and positive
     */
    public double rho() {
        double r2 = rho2();
        return rho != null ? rho : Math.sqrt(r2);
    }

    private static double representable(String what, double rho2) {
        if (rho2 == Double.POSITIVE_INFINITY) {
            throw new BadInputException(what + " beyond the largest double (1.8e308)");
        }
        return rho2 == 0 ? Double.MIN_VALUE : rho2;
    }
}
