package org.dissect.cli;

import java.util.Locale;
import org.dissect.theory.BatchSampling;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code multiset | with-replacement | without-replacement} as a {@link BatchSampling}. */
final class SamplingConverter implements ITypeConverter<BatchSampling> {
    @Override
    public BatchSampling convert(String value) {
        for (BatchSampling s : BatchSampling.values()) {
            if (name(s).equals(value.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new TypeConversionException("'" + value + "' is not one of multiset, with-replacement, without-replacement");
    }

    static String name(BatchSampling s) {
        return s.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
