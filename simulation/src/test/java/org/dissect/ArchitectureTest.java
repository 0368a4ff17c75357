package org.dissect;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * The package structure of the production code (theory and simulation), checked on every build: the
 * packages form no cycle, the theory is mathematics on the JDK and Apache Commons alone, and only the
 * command line and the notebook runner touch the console.
 */
@AnalyzeClasses(packages = "org.dissect", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** One slice per top-level package ({@code org.dissect.cli}, {@code org.dissect.descent}, …). */
    @ArchTest
    static final ArchRule packagesFormNoCycle = slices().matching("org.dissect.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theoryIsPureMathematics = noClasses().that().resideInAPackage("org.dissect.theory..")
        .should().dependOnClassesThat().resideOutsideOfPackages("org.dissect.theory..", "java..", "org.apache.commons..")
        .because("the theory module holds the paper's closed forms, free of simulation, plotting and I/O");

    @ArchTest
    static final ArchRule onlyTheCommandLinePrints = noClasses()
        .that().resideOutsideOfPackages("org.dissect.cli..", "org.dissect.notebook..")
        .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
        .because("libraries return results and throw; only the command line and the notebook runner print");
}
