package org.dealgraph.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The architecture, as rules the build checks. Read top down:
 * <ul>
 * <li><b>Values</b> ({@code value}: money, dates, percentages) depend on nothing of ours.</li>
 * <li><b>API types</b> ({@code api}: errors, pages, connections, {@code Node}) on values only.</li>
 * <li><b>Security</b> (who is calling) on the API types.</li>
 * <li><b>Database</b> ({@code database}, {@code migration}: sessions, revisions, the embedded server) on those below.</li>
 * <li><b>GraphQL engine</b> ({@code graphql}: transport, limits, budgets, metrics) on the database and below, never
 *     on the domain.</li>
 * <li><b>Domain reads</b> ({@code company}, {@code source}, {@code person}, {@code agreement}, {@code derived},
 *     {@code node}): resources, repositories and records; each on the database and below, and on each other one way
 *     only (companies know nothing of agreements).</li>
 * <li><b>Deal files</b> ({@code dealfile}: the format, its schema and text rules) on the domain's kinds and values.</li>
 * <li><b>Writing</b> ({@code load}, {@code live}, {@code curation}, {@code export}, {@code seed}) on everything below;
 *     nothing reads through them.</li>
 * <li><b>Research</b> ({@code research}: Cypher for researchers) and the <b>explorer</b> stand apart.</li>
 * </ul>
 * No cycle between packages; Cypher is run only by repositories, writers and the database layer; the embedded
 * Neo4j's classes are used only in {@code database}.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.dealgraph");

    @Test
    void packagesFormNoCycle() {
        slices().matching("org.dealgraph.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void eachLayerDependsOnlyOnTheLayersBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Values").definedBy("org.dealgraph.value..")
                .layer("API types").definedBy("org.dealgraph.api..")
                .layer("Security").definedBy("org.dealgraph.security..")
                .layer("Database").definedBy("org.dealgraph.database..", "org.dealgraph.migration..")
                .layer("GraphQL engine").definedBy("org.dealgraph.graphql..")
                .layer("Domain reads").definedBy("org.dealgraph.company..", "org.dealgraph.source..", "org.dealgraph.person..",
                        "org.dealgraph.agreement..", "org.dealgraph.derived..", "org.dealgraph.node..")
                .layer("Deal files").definedBy("org.dealgraph.dealfile..")
                .layer("Writing").definedBy("org.dealgraph.load..", "org.dealgraph.live..", "org.dealgraph.curation..",
                        "org.dealgraph.export..", "org.dealgraph.seed..")
                .layer("Research").definedBy("org.dealgraph.research..")
                .layer("Explorer").definedBy("org.dealgraph.explore..")
                .whereLayer("Values").mayNotAccessAnyLayer()
                .whereLayer("API types").mayOnlyAccessLayers("Values")
                .whereLayer("Security").mayOnlyAccessLayers("API types")
                .whereLayer("Database").mayOnlyAccessLayers("Security", "API types", "Values")
                .whereLayer("GraphQL engine").mayOnlyAccessLayers("Database", "API types", "Values")
                .whereLayer("Domain reads").mayOnlyAccessLayers("Database", "API types", "Values")
                .whereLayer("Deal files").mayOnlyAccessLayers("Domain reads", "API types", "Values")
                .whereLayer("Writing").mayOnlyAccessLayers("Deal files", "Domain reads", "Database", "Security", "API types", "Values")
                .whereLayer("Research").mayOnlyAccessLayers("Database", "Security", "API types", "Values")
                .whereLayer("Explorer").mayNotAccessAnyLayer()
                .whereLayer("Writing").mayNotBeAccessedByAnyLayer()
                .check(MAIN);
    }

    @Test
    void companiesKnowNothingOfAgreements() {
        noClasses().that().resideInAnyPackage("org.dealgraph.company..", "org.dealgraph.source..")
                .should().dependOnClassesThat().resideInAnyPackage("org.dealgraph.agreement..", "org.dealgraph.derived..",
                        "org.dealgraph.person..", "org.dealgraph.node..")
                .check(MAIN);
    }

    @Test
    void cypherRunsOnlyInRepositoriesWritersAndTheDatabaseLayer() {
        noClasses().that().resideOutsideOfPackages("org.dealgraph.database..", "org.dealgraph.migration..", "org.dealgraph.research..")
                .and().haveNameNotMatching(".*(Repository|Writer|Writes|Export)(\\$.*)?")
                .should().callMethodWhere(describe("a method that runs Cypher", (JavaAccess<?> call) -> runsCypher(call)))
                .because("a statement belongs beside the repository or writer that owns it, where a reader finds it")
                .check(MAIN);
    }

    @Test
    void theEmbeddedNeo4jStaysInTheDatabaseLayer() {
        noClasses().that().resideOutsideOfPackage("org.dealgraph.database..")
                .should().dependOnClassesThat(describe("the embedded Neo4j's classes", c -> c.getPackageName().startsWith("org.neo4j.")
                        && !c.getPackageName().startsWith("org.neo4j.driver") && !c.getPackageName().startsWith("org.neo4j.cypherdsl")))
                .check(MAIN);
    }

    private static boolean runsCypher(JavaAccess<?> call) {
        var owner = call.getTargetOwner().getName();
        var name = call.getName();
        return (owner.startsWith("org.neo4j.driver") && (name.equals("run") || name.equals("executeRead") || name.equals("executeWrite")))
                || (owner.equals("org.dealgraph.database.Graph") && name.startsWith("read"));
    }
}
