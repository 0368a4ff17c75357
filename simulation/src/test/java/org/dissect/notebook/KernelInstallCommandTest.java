package org.dissect.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dissect.notebook.TestNotebook.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelInstallCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesAKernelspecThatStartsRapaioWithTheToolkitOnTheCellsClassPath() throws Exception {
        Path jar = Files.writeString(dir.resolve("rapaio-jupyter-kernel-3.0.1.jar"), "a jar");
        Path spec = dir.resolve("jupyter/kernels/dissect-java");
        CliRun r = CliRun.of("notebook", "kernel", "install", "--kernel-jar", jar.toString(), "--dir", spec.toString(),
            "--java", "/opt/jdk/bin/java", "--classpath", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(spec.resolve("kernel.json").toString(), r.out().strip());
        JsonNode json = Notebook.MAPPER.readTree(spec.resolve("kernel.json").toFile());
        assertEquals("[\"/opt/jdk/bin/java\",\"-jar\",\"" + jar.toAbsolutePath() + "\",\"{connection_file}\"]",
            json.get("argv").toString());
        assertEquals("java", json.get("language").asText());
        assertEquals(dir.toString(), json.get("env").get("RJK_CLASSPATH").asText());
        assertFalse(json.get("display_name").asText().isBlank());
    }

    @Test
    void theCellsClassPathDefaultsToWhereTheToolkitWasLoadedFrom() throws Exception {
        Path jar = Files.writeString(dir.resolve("kernel.jar"), "a jar");
        CliRun r = CliRun.of("notebook", "kernel", "install", "--kernel-jar", jar.toString(), "--dir", dir.resolve("k").toString());
        assertEquals(0, r.exitCode(), r.err());
        Path classpath = Path.of(Notebook.MAPPER.readTree(dir.resolve("k/kernel.json").toFile()).get("env").get("RJK_CLASSPATH")
            .asText());
        assertTrue(Files.exists(classpath.resolve(Display.class.getName().replace('.', '/') + ".class"))
            || classpath.toString().endsWith(".jar"), classpath.toString());
    }

    @Test
    void aMissingKernelJarIsBadInputAndWritesNothing() {
        CliRun r = CliRun.of("notebook", "kernel", "install", "--kernel-jar", dir.resolve("none.jar").toString(), "--dir",
            dir.resolve("k").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--kernel-jar: no such file"), r.err());
        assertFalse(Files.exists(dir.resolve("k")));
    }
}
