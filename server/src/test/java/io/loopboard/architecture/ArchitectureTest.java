package io.loopboard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep the server easy to change, checked on its compiled classes: the HTTP edge
 * stays at the edge, the store stays behind the features' services, and the shared vocabulary
 * ({@code core}) depends on no feature. See docs/architecture.md.
 */
class ArchitectureTest {

    private static final String[] FEATURES = {"io.loopboard.audit..", "io.loopboard.auth..", "io.loopboard.curation..",
        "io.loopboard.feedback..", "io.loopboard.followup..", "io.loopboard.insights..", "io.loopboard.signage..",
        "io.loopboard.stories..", "io.loopboard.demo..", "io.loopboard.app.."};

    static JavaClasses server;

    @BeforeAll
    static void read() {
        server = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.loopboard");
    }

    @Test
    void services_and_stores_know_nothing_of_http() {
        noClasses().that().haveSimpleNameEndingWith("Service").or().haveSimpleNameEndingWith("Store")
                .should().dependOnClassesThat().resideInAnyPackage("io.loopboard.web..", "io.javalin..", "jakarta.servlet..")
                .because("features refuse with core.Refusal and the web edge turns that into HTTP")
                .check(server);
    }

    @Test
    void controllers_never_touch_the_store() {
        noClasses().that().haveSimpleNameEndingWith("Controller")
                .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "io.loopboard.store..")
                .because("a controller reads the request and calls its feature's service, which owns the queries")
                .check(server);
    }

    @Test
    void the_shared_vocabulary_depends_on_no_feature_and_not_on_http() {
        noClasses().that().resideInAPackage("io.loopboard.core..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .orShould().dependOnClassesThat().resideInAnyPackage("io.loopboard.web..", "io.javalin..")
                .check(server);
    }

    @Test
    void the_web_edge_depends_on_no_feature() {
        noClasses().that().resideInAPackage("io.loopboard.web..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .check(server);
    }

    @Test
    void no_cycles_between_feature_packages() {
        slices().matching("io.loopboard.(*)..").should().beFreeOfCycles().check(server);
    }
}
