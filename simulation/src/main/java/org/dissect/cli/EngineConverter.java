package org.dissect.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.dissect.engine.Engine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code auto | java | opencl | blas | naive} as an {@link Engine}; also lists them for the help. */
final class EngineConverter implements ITypeConverter<Engine>, Iterable<String> {
    @Override
    public Engine convert(String value) {
        for (Engine e : Engine.values()) {
            if (e.label().equals(value.toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw new TypeConversionException("'" + value + "' is not one of " + String.join(", ", this));
    }

    @Override
    public Iterator<String> iterator() {
        List<String> names = new ArrayList<>();
        for (Engine e : Engine.values()) {
            names.add(e.label());
        }
        return names.iterator();
    }
}
