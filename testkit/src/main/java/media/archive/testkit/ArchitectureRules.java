package media.archive.testkit;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The rules every module's {@code ArchitectureTest} keeps, stated once so that they read the same
 * everywhere and a change to one is a change to all. Each rule carries its reason; where the
 * reason is the module's own, the factory says so and the module gives it with {@code because}.
 */
public final class ArchitectureRules {
    private static final String OURS = "media.archive..";
    private static final List<String> SERVICES = List.of("ingest", "processor", "api", "standalone");

    private ArchitectureRules() {
    }

    /**
     * No cycle between the packages below {@code root}, for a module made of packages by feature;
     * it fails where {@code root} has no packages, so a mistyped root cannot pass unseen.
     */
    public static ArchRule packagesFreeOfCycles(String root) {
        return packagesFreeOfCycles(root, "packages by feature read from the bottom up; a cycle makes two features one");
    }

    /** {@link #packagesFreeOfCycles(String)} for a module that says why in its own words. */
    public static ArchRule packagesFreeOfCycles(String root, String because) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles().because(because);
    }

    /**
     * No cycle between the packages below {@code root}, for a module that has none yet: it passes
     * while there are none and holds the first ones added.
     */
    public static ArchRule packagesAddedLaterFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles()
                .allowEmptyShould(true)
                .because("a package added here later must still read from the bottom up");
    }

    /**
     * No {@code *Util*} or {@code *Helper} class and no {@code util} or {@code common} package;
     * {@code examples} name a few of the module's classes that are named after their domain instead.
     */
    public static ArchRule noGrabBags(String... examples) {
        return noClasses()
                .should().haveSimpleNameContaining("Util")
                .orShould().haveSimpleNameEndingWith("Helper")
                .orShould().resideInAnyPackage("..util..", "..common..")
                .because("a helper is named after its domain (" + String.join(", ", examples) + "), never a util or"
                        + " common grab-bag that every change ends up in");
    }

    /**
     * Nothing below {@code root} uses a class of the archive outside {@code root} and the
     * {@code allowed} packages (each a root such as {@code "media.archive.contracts"}). Why is the
     * module's own: give it with {@code because}.
     */
    public static ArchRule dependsOnNothingOfOursBut(String root, String... allowed) {
        List<String> packages = new ArrayList<>();
        Stream.concat(Stream.of(root), Stream.of(allowed)).forEach(name -> packages.add(name + ".."));
        return noClasses().should().dependOnClassesThat(resideInAPackage(OURS)
                .and(resideOutsideOfPackages(packages.toArray(String[]::new))));
    }

    /** The service named {@code service} (its package below {@code media.archive}) uses no other service. */
    public static ArchRule importsNoOtherService(String service) {
        String[] others = SERVICES.stream()
                .filter(other -> !other.equals(service))
                .map(other -> "media.archive." + other + "..")
                .toArray(String[]::new);
        return noClasses()
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("services agree only through the contracts and the topics; each one is deployed, scaled"
                        + " and restarted on its own");
    }

    /** A service's production code never starts the embedded servers nor uses this testkit. */
    public static ArchRule doesNotRunOnTheEmbeddedServers() {
        return noClasses()
                .should().dependOnClassesThat().resideInAnyPackage("media.archive.embedded..", "media.archive.testkit..")
                .because("a production service talks to real Kafka and S3 through the platform; only the launcher"
                        + " and the tests choose the embedded servers");
    }

    /** Of the metadata writer, only its face: {@code MetadataWriter} and {@code WrittenMetadata}. */
    public static ArchRule metadataWriterUsedOnlyThroughItsFace() {
        return noClasses()
                .should().dependOnClassesThat(resideInAPackage("media.archive.metadata.writer..")
                        .and(nameMatching("media\\.archive\\.metadata\\.writer\\.(MetadataWriter|WrittenMetadata)(\\$.*)?")
                                .negate()))
                .because("MetadataWriter and WrittenMetadata are the writer's face; its format codecs change with"
                        + " the formats");
    }

    /** Nothing but {@code main} itself uses a service's program, its one production wiring. */
    public static ArchRule nothingImportsTheProgram(Class<?> main) {
        String service = main.getSimpleName().replaceFirst("Main$", "");
        return noClasses()
                .that().doNotBelongToAnyOf(main)
                .should().dependOnClassesThat().belongToAnyOf(main)
                .because(main.getSimpleName() + " is the one place that wires " + service + " for production; the"
                        + " launcher and the tests build " + service + " from its config, the same way");
    }
}
