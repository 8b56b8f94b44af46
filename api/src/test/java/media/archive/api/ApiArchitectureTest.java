package media.archive.api;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static media.archive.testkit.ArchitectureRules.doesNotRunOnTheEmbeddedServers;
import static media.archive.testkit.ArchitectureRules.importsNoOtherService;
import static media.archive.testkit.ArchitectureRules.metadataWriterUsedOnlyThroughItsFace;
import static media.archive.testkit.ArchitectureRules.noGrabBags;
import static media.archive.testkit.ArchitectureRules.nothingImportsTheProgram;
import static media.archive.testkit.ArchitectureRules.packagesFreeOfCycles;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import media.archive.api.index.AnalyzedText;
import media.archive.api.index.ImageIndex;
import media.archive.api.index.ImageSearcher;
import media.archive.api.index.IndexFields;
import media.archive.api.index.IndexWriterLoop;
import media.archive.api.usage.UsageConfig;
import media.archive.api.usage.UsageCounter;
import media.archive.api.usage.UsageTracking;
import media.archive.api.usage.UsageView;

/**
 * What the api may import, the way Kafka's import-control states it.
 *
 * <p>Outside: the contracts, the platform and the metadata writer's face; never another service
 * or the embedded servers.
 *
 * <p>Inside, from the bottom up: {@code index} (the Lucene view of the topics, the one consumer)
 * knows no other part of the api; {@code search} reads it through its face; {@code serving}
 * decides what the public may see and makes the variants; {@code embed}, {@code editing} and
 * {@code desk} build on those; {@code galleries} on embedding and editing; the root package
 * {@link Api} wires them all and nothing reaches back up to it. Lucene stays in {@code index} and
 * {@code search}; Kafka is read by {@code index} (and by {@code galleries} and {@code usage}, each
 * its own topic) and written by {@code editing} only; {@code usage} (counted on the serving path,
 * published and read back on its own topic) knows no other part, so every public route can count
 * through it: routes report what they served to its {@code ServedTo}, the record and the search
 * read its {@code Usages}, and only the root holds the tracker. Beside them all, {@code html} is the one HTML escaper that search snippets, embeds,
 * pages and galleries share; it knows no other part.
 */
@AnalyzeClasses(packages = "media.archive.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ApiArchitectureTest {

    private static final String ROOT = "media.archive.api";
    private static final String INDEX = "media.archive.api.index..";
    private static final String SEARCH = "media.archive.api.search..";
    private static final String SERVING = "media.archive.api.serving..";
    private static final String EDITING = "media.archive.api.editing..";
    private static final String EMBED = "media.archive.api.embed..";
    private static final String DESK = "media.archive.api.desk..";
    private static final String HTML = "media.archive.api.html..";
    private static final String GALLERIES = "media.archive.api.galleries..";
    private static final String USAGE = "media.archive.api.usage..";

    // Outside the api.

    @ArchTest
    static final ArchRule the_api_imports_no_other_service = importsNoOtherService("api");

    @ArchTest
    static final ArchRule the_api_does_not_run_on_the_embedded_servers = doesNotRunOnTheEmbeddedServers();

    @ArchTest
    static final ArchRule the_metadata_writer_is_used_only_through_its_face = metadataWriterUsedOnlyThroughItsFace();

    // The index at the bottom.

    @ArchTest
    static final ArchRule the_index_knows_no_other_part_of_the_api = noClasses()
            .that().resideInAPackage(INDEX)
            .should().dependOnClassesThat(resideInAPackage("media.archive.api..").and(resideOutsideOfPackage(INDEX)))
            .because("the index is a view of the topics that every other part reads; deleting its directory"
                    + " rebuilds it from Kafka alone");

    @ArchTest
    static final ArchRule the_index_speaks_no_http = noClasses()
            .that().resideInAPackage(INDEX)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.javalin..", "jakarta.servlet..", "media.archive.platform.http..", "media.archive.platform.access..")
            .because("domain code does not speak HTTP: its exceptions become status codes in one place,"
                    + " HttpServers");

    @ArchTest
    static final ArchRule the_index_is_read_only_through_its_face = noClasses()
            .that().resideOutsideOfPackage(INDEX)
            .should().dependOnClassesThat(resideInAPackage(INDEX)
                    .and(belongToAnyOf(ImageIndex.class, ImageSearcher.class, IndexWriterLoop.class, IndexFields.class,
                            AnalyzedText.class)
                            .negate()))
            .because("documents, staging, the record cache and the offset codec are the index's own and change"
                    + " with its format; the rest of the api reads it the way KafkaProducer hides producer.internals");

    @ArchTest
    static final ArchRule only_search_knows_the_index_fields_and_their_analysis = noClasses()
            .that().resideOutsideOfPackages(INDEX, SEARCH)
            .should().dependOnClassesThat().belongToAnyOf(IndexFields.class, AnalyzedText.class)
            .because("field names and analysis are the search language's business; serving, editing, embedding"
                    + " and the desk ask ImageIndex for records by id");

    @ArchTest
    static final ArchRule only_the_api_root_runs_the_index_writer_loop = noClasses()
            .that().resideOutsideOfPackages(ROOT, INDEX)
            .should().dependOnClassesThat().belongToAnyOf(IndexWriterLoop.class)
            .because("one loop per replica applies the topics to the index; Api starts and stops it");

    @ArchTest
    static final ArchRule lucene_stays_in_the_index_and_search = noClasses()
            .that().resideOutsideOfPackages(INDEX, SEARCH)
            .should().dependOnClassesThat().resideInAPackage("org.apache.lucene..")
            .because("serving, embedding, editing and the desk work on records, not documents: a change of index"
                    + " format or Lucene version stays behind ImageIndex and the search language");

    @ArchTest
    static final ArchRule only_the_index_writes_to_lucene = noClasses()
            .that().resideOutsideOfPackage(INDEX)
            .should().dependOnClassesThat(nameStartingWith("org.apache.lucene.index.IndexWriter"))
            .orShould().dependOnClassesThat().resideInAPackage("org.apache.lucene.store..")
            .because("the Kafka offsets are committed with the documents they produced; only the index's own"
                    + " writer keeps the view exactly-once");

    @ArchTest
    static final ArchRule only_the_index_and_the_views_of_their_own_topics_read_kafka = noClasses()
            .that().resideOutsideOfPackages(ROOT, INDEX, GALLERIES, USAGE)
            .should().dependOnClassesThat().resideInAPackage("org.apache.kafka.clients.consumer..")
            .because("the index stores its offsets in its own commit; a second consumer would not be exactly-once."
                    + " The galleries' and the usage views read their own topic whole at every start, into memory,"
                    + " and store no offsets");

    @ArchTest
    static final ArchRule only_editing_publishes = noClasses()
            .that().resideOutsideOfPackages(EDITING, USAGE)
            .should().dependOnClassesThat().resideInAPackage("org.apache.kafka.clients.producer..")
            .because("EditLog is the api's one way out to Kafka for records: it waits for the ack, classifies errors"
                    + " once and refuses edits after a removal (usage totals, on their own topic, have their flusher)");

    @ArchTest
    static final ArchRule usage_knows_no_other_part_of_the_api = noClasses()
            .that().resideInAPackage(USAGE)
            .should().dependOnClassesThat(resideInAPackage("media.archive.api..").and(resideOutsideOfPackage(USAGE)))
            .because("serving, embedding and galleries count through the usage counter; usage reaching into any"
                    + " of them would make a cycle");

    @ArchTest
    static final ArchRule usage_is_counted_and_read_only_through_its_two_faces = noClasses()
            .that().resideOutsideOfPackages(ROOT, USAGE)
            .should().dependOnClassesThat().belongToAnyOf(UsageTracking.class, UsageCounter.class, UsageView.class,
                    UsageConfig.class)
            .because("routes report what they served to ServedTo and read Usages, one small interface each, so their"
                    + " tests build them without Kafka; one tracker per replica, wired by Api, owns the counter, the"
                    + " flusher and the view");

    @ArchTest
    static final ArchRule the_html_escaper_knows_no_other_part_of_the_api = noClasses()
            .that().resideInAPackage(HTML)
            .should().dependOnClassesThat(resideInAPackage("media.archive.api..").and(resideOutsideOfPackage(HTML)))
            .because("one escaper per language: search, embedding and the pages all escape through HtmlText,"
                    + " so it must be usable from the bottom of the api");

    // Search, serving and the parts on top of them.

    @ArchTest
    static final ArchRule search_reads_nothing_but_the_index = noClasses()
            .that().resideInAPackage(SEARCH)
            .should().dependOnClassesThat().resideInAnyPackage(ROOT, SERVING, EDITING, EMBED, DESK)
            .because("the search language is tested on an index alone, and the desk and the public API ask the"
                    + " same search");

    @ArchTest
    static final ArchRule search_is_wired_only_by_the_api_root = noClasses()
            .that().resideOutsideOfPackages(ROOT, SEARCH)
            .should().dependOnClassesThat().resideInAPackage(SEARCH)
            .because("search has its own routes (SearchRoutes) and maps its refusals through HttpServers;"
                    + " no other route parses a query");

    @ArchTest
    static final ArchRule embedding_sees_pictures_only_through_published_images = noClasses()
            .that().resideInAPackage(EMBED)
            .should().dependOnClassesThat().resideInAnyPackage(INDEX, SEARCH)
            .because("what the public may see (removals, restrictions) is decided once, by serving's"
                    + " PublishedImages; a snippet or oEmbed answer must not see more than the picture's URL");

    @ArchTest
    static final ArchRule only_serving_makes_variants = noClasses()
            .that().resideOutsideOfPackage(SERVING)
            .should().dependOnClassesThat().resideInAnyPackage("javax.imageio..", "net.coobird.thumbnailator..")
            .because("variants (?w=, WebP, written metadata) are made and cached in one place, beside the"
                    + " renditions they come from");

    @ArchTest
    static final ArchRule editing_embedding_and_the_desk_are_wired_only_by_the_api_root = noClasses()
            .that().resideOutsideOfPackages(ROOT, EDITING, EMBED, DESK, GALLERIES)
            .should().dependOnClassesThat().resideInAnyPackage(EDITING, EMBED, DESK, GALLERIES)
            .because("they are the top of the api: the index, search and serving are used by them and must"
                    + " work without them; galleries sit above embedding (their figures) and editing (its way out)");

    @ArchTest
    static final ArchRule nothing_but_the_api_root_uses_the_galleries = noClasses()
            .that().resideOutsideOfPackages(ROOT, GALLERIES)
            .should().dependOnClassesThat().resideInAPackage(GALLERIES)
            .because("galleries are built of the single-image embed and the edit log's publisher, never the other"
                    + " way round: embedding answers galleries' oEmbed through its OEmbedPages hook");

    @ArchTest
    static final ArchRule editing_embedding_and_the_desk_know_nothing_of_each_other = slices()
            .matching("media.archive.api.(editing|embed|desk)..")
            .should().notDependOnEachOther()
            .because("each one is a feature of its own over serving and the index; one reaching into another"
                    + " would make two features one");

    @ArchTest
    static final ArchRule the_parts_do_not_reach_up_to_the_api_root = noClasses()
            .that().resideOutsideOfPackage(ROOT)
            .should().dependOnClassesThat().resideInAPackage(ROOT)
            .because("Api wires its parts from plain values; a part that reached back into the wiring could not be"
                    + " built alone by its tests");

    @ArchTest
    static final ArchRule nothing_imports_the_api_program = nothingImportsTheProgram(ApiMain.class);

    @ArchTest
    static final ArchRule packages_of_the_api_are_free_of_cycles = packagesFreeOfCycles("media.archive.api");

    @ArchTest
    static final ArchRule no_class_is_a_grab_bag = noGrabBags("ImageIds", "EntityTags");
}
