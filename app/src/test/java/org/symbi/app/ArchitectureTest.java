package org.symbi.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.symbi.kernel.events.EventStream;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules of the house that the compiler does not enforce: the kernel modules stay headless, and the
 * modules depend on each other in one direction only.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // the test helpers other modules share as test jars (a live room, a scripted model) are tests too
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.symbi");
    }

    @Test
    void kernelModulesNeverTouchJavaFx() {
        noClasses().that().resideInAnyPackage("org.symbi.protocol..", "org.symbi.store..", "org.symbi.ledger..",
                        "org.symbi.governance..", "org.symbi.kernel..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..",
                        "org.fxmisc..")
                .check(classes);
    }

    @Test
    void modulesAreLayered() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("protocol").definedBy("org.symbi.protocol..")
                .layer("store").definedBy("org.symbi.store..")
                .layer("ledger").definedBy("org.symbi.ledger..")
                .layer("governance").definedBy("org.symbi.governance..")
                .layer("kernel").definedBy("org.symbi.kernel..")
                .layer("app").definedBy("org.symbi.app..")
                .whereLayer("app").mayNotBeAccessedByAnyLayer()
                .whereLayer("kernel").mayOnlyBeAccessedByLayers("app")
                .whereLayer("governance").mayOnlyBeAccessedByLayers("kernel", "app")
                .whereLayer("ledger").mayOnlyBeAccessedByLayers("kernel", "app")
                .whereLayer("store").mayOnlyBeAccessedByLayers("ledger", "governance", "kernel", "app")
                .whereLayer("protocol").mayOnlyBeAccessedByLayers("ledger", "governance", "kernel", "app")
                .check(classes);
    }

    @Test
    void builtInAgentsReachTheRoomOnlyThroughTheGateway() {
        // They are ordinary agents: the SDK and the protocol, never the kernel's insides.
        noClasses().that().resideInAPackage("org.symbi.agents..")
                .should().dependOnClassesThat().resideInAnyPackage("org.symbi.kernel..", "org.symbi.store..",
                        "org.symbi.ledger..", "org.symbi.governance..", "org.symbi.gateway..", "org.symbi.app..",
                        "javafx..")
                .check(classes);
    }

    @Test
    void viewModelsHoldNoNodes() {
        // View models are properties and commands, unit-tested without starting JavaFX.
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..",
                        "org.controlsfx..", "atlantafx..", "org.fxmisc..")
                .check(classes);
    }

    @Test
    void kernelEventsReachTheRoomOnlyThroughItsFeed() {
        // The one update path: per pulse, on the FX thread (docs/ARCHITECTURE.md).
        noClasses().that().resideInAPackage("org.symbi.app.ui..")
                .and().doNotHaveFullyQualifiedName("org.symbi.app.ui.kit.RoomFeed")
                .should().callMethodWhere(target(owner(assignableTo(EventStream.class))))
                .check(classes);
    }

    @Test
    void kernelPackagesHaveNoCycles() {
        slices().matching("org.symbi.kernel.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void protocolAndStoreDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("org.symbi.protocol..")
                .should().dependOnClassesThat().resideInAPackage("org.symbi.store..")
                .check(classes);
    }

    @Test
    void ledgerAndGovernanceDoNotKnowEachOther() {
        // Governance records through its own AuditTrail port; the kernel plugs the ledger in.
        noClasses().that().resideInAPackage("org.symbi.governance..")
                .should().dependOnClassesThat().resideInAPackage("org.symbi.ledger..")
                .check(classes);
        noClasses().that().resideInAPackage("org.symbi.ledger..")
                .should().dependOnClassesThat().resideInAPackage("org.symbi.governance..")
                .check(classes);
    }
}
