package io.loopboard.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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

    private static final String TABLES = "io.loopboard.store.generated.tables";

    /**
     * Which feature owns each generated table: only its classes touch the table's jOOQ classes;
     * the other features call its store or service. The audit log is written by
     * {@code store.AuditLog} inside every feature's transactions and read by the audit feature.
     */
    static final Map<String, List<String>> OWNERS = Map.ofEntries(
            Map.entry("Quote", List.of("io.loopboard.curation..")),
            Map.entry("QuoteChannel", List.of("io.loopboard.curation..")),
            Map.entry("AutoApproveRule", List.of("io.loopboard.curation..")),
            Map.entry("ModerationSetting", List.of("io.loopboard.curation..")),
            Map.entry("SearchDirty", List.of("io.loopboard.curation..")),
            Map.entry("Feedback", List.of("io.loopboard.feedback..")),
            Map.entry("WebhookEvent", List.of("io.loopboard.feedback..")),
            Map.entry("IngestSource", List.of("io.loopboard.feedback..")),
            Map.entry("IngestError", List.of("io.loopboard.feedback..")),
            Map.entry("ImportJob", List.of("io.loopboard.feedback..")),
            Map.entry("ImportRowError", List.of("io.loopboard.feedback..")),
            Map.entry("Channel", List.of("io.loopboard.signage..")),
            Map.entry("Screen", List.of("io.loopboard.signage..")),
            Map.entry("PairingCode", List.of("io.loopboard.signage..")),
            Map.entry("Announcement", List.of("io.loopboard.signage..")),
            Map.entry("SignageState", List.of("io.loopboard.signage..")),
            Map.entry("ContentSignal", List.of("io.loopboard.signage..")),
            Map.entry("Improvement", List.of("io.loopboard.stories..")),
            Map.entry("ImprovementFeedback", List.of("io.loopboard.stories..")),
            Map.entry("ImprovementImage", List.of("io.loopboard.stories..")),
            Map.entry("ImprovementSetting", List.of("io.loopboard.stories..")),
            Map.entry("FollowupCase", List.of("io.loopboard.followup..")),
            Map.entry("FollowupRule", List.of("io.loopboard.followup..")),
            Map.entry("FollowupSetting", List.of("io.loopboard.followup..")),
            Map.entry("FollowupStoryNotice", List.of("io.loopboard.followup..")),
            Map.entry("AppUser", List.of("io.loopboard.auth..")),
            Map.entry("UserSession", List.of("io.loopboard.auth..")),
            Map.entry("ApiKey", List.of("io.loopboard.auth..")),
            Map.entry("AuditLog", List.of("io.loopboard.store..", "io.loopboard.audit..")),
            Map.entry("StoreIdentity", List.of("io.loopboard.store..")));

    /**
     * The one read that joins another feature's table, named here so it stays the only one: the
     * moderation queue filters and sorts quotes by their answer's score, touchpoint, location and
     * language in one indexed query over a million rows (docs/performance.md), which two queries
     * could not do. It only reads; the feedback feature alone writes its table.
     */
    static final Map<String, List<String>> READ_JOINS = Map.of("Feedback", List.of("io.loopboard.curation.ModerationQueue"));

    @Test
    void every_generated_table_has_an_owning_feature() {
        TreeSet<String> tables = new TreeSet<>();
        for (JavaClass c : server) {
            if (c.getPackageName().equals(TABLES) && !c.isNestedClass()) {
                tables.add(c.getSimpleName());
            }
        }
        assertTrue(tables.size() > 20, "the generated tables were read: " + tables);
        assertEquals(tables, new TreeSet<>(OWNERS.keySet()), "each table is owned by one feature (OWNERS)");
    }

    @Test
    void only_the_owning_feature_touches_a_table() {
        List<String> failures = new ArrayList<>();
        OWNERS.forEach((table, owners) -> {
            List<String> allowed = new ArrayList<>(owners);
            allowed.add("io.loopboard.store.generated..");
            var rule = noClasses().that().resideOutsideOfPackages(allowed.toArray(String[]::new))
                    .and(DescribedPredicate.not(belongToAnyOf(classesNamed(READ_JOINS.getOrDefault(table, List.of())))))
                    .should().dependOnClassesThat().haveFullyQualifiedName(TABLES + "." + table)
                    .orShould().dependOnClassesThat().haveFullyQualifiedName(TABLES + ".records." + table + "Record")
                    .because("the table " + table + " belongs to " + owners + "; other features call its store or service")
                    .allowEmptyShould(true);
            var result = rule.evaluate(server);
            if (result.hasViolation()) {
                failures.add(result.getFailureReport().toString());
            }
        });
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static Class<?>[] classesNamed(List<String> names) {
        return names.stream().map(n -> {
            try {
                return Class.forName(n);
            } catch (ClassNotFoundException e) {
                throw new AssertionError("READ_JOINS names a class that does not exist: " + n, e);
            }
        }).toArray(Class<?>[]::new);
    }
}
