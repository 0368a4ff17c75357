package org.dissect.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The toolkit's version, read from {@code version.properties}, a resource that Maven filters from the
 * pom's {@code project.version}: the pom is the one place the version is written.
 */
public final class Version {
    private static final String VALUE = load();

    private Version() {
    }

    /** @return the version, e.g. {@code 0.1.0-SNAPSHOT} */
    public static String value() {
        return VALUE;
    }

    private static String load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }
}
