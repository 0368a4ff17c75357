package org.dissect.cli;

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

    /** @return ρ², validated finite and positive */
    public double rho2() {
        if (rho != null) {
            double r = Checks.positive("--rho", rho);
            return Checks.positive("rho^2", r * r);
        }
        if (rho2 != null) {
            return Checks.positive("--rho2", rho2);
        }
        return 1.0 / Checks.positive("--temperature", temperature);
    }
}
