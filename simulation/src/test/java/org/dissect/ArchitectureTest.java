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
 * packages form no cycle, the theory is mathematics on the JDK and Apache Commons alone, only the
 * command line and the notebook runner touch the console, and Apache Spark (optional) stays inside
 * {@code org.dissect.spark}, which no other package names.
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

    @ArchTest
    static final ArchRule onlyTheSparkPackageTouchesSpark = noClasses().that().resideOutsideOfPackage("org.dissect.spark..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
        .because("Apache Spark is optional (a provided dependency): every other command runs without it on the class path");

    @ArchTest
    static final ArchRule theSparkPackageIsLoadedByNameOnly = noClasses().that().resideOutsideOfPackage("org.dissect.spark..")
        .should().dependOnClassesThat().resideInAPackage("org.dissect.spark..")
        .because("its classes need Spark's, so the runner is loaded by name only when --spark is given");
}
