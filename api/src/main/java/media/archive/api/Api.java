package media.archive.api;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import media.archive.api.editing.EditLog;
import media.archive.api.editing.EditRoutes;
import media.archive.api.index.ImageIndex;
import media.archive.api.index.IndexWriterLoop;
import media.archive.api.search.SearchRoutes;
import media.archive.api.search.SearchService;
import java.util.List;
import media.archive.api.desk.DeskFiles;
import media.archive.api.desk.ImageEventStream;
import media.archive.api.embed.EmbedRoutes;
import media.archive.api.galleries.GalleryLog;
import media.archive.api.galleries.GalleryPages;
import media.archive.api.galleries.GalleryReader;
import media.archive.api.galleries.GalleryRoutes;
import media.archive.api.galleries.GalleryView;
import media.archive.api.serving.ImageRoutes;
import media.archive.api.serving.PublishedImages;
import media.archive.api.serving.RenditionRoutes;
import media.archive.api.usage.ServedTo;
import media.archive.api.usage.UsageCounter;
import media.archive.api.usage.UsageTracking;
import media.archive.contracts.Topics;
import media.archive.platform.access.AccessGuard;
import media.archive.platform.config.KafkaSettings;
import media.archive.platform.http.Routes;
import media.archive.platform.http.StaticFiles;
import media.archive.platform.kafka.KafkaClients;
import media.archive.platform.storage.ObjectStore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The api service as one object: its index (opened by the constructor), the loop that feeds
 * the index from Kafka ({@link #start()}), and its HTTP {@link #routes()}. {@link #close()}
 * stops the loop and closes the index; the store and the guard belong to the caller.
 * Thread-safe.
 */
public final class Api implements AutoCloseable {
    private final KafkaSettings kafka;
    private final ImageIndex index;
    private final ImageRoutes routes;
    private final EditLog edits;
    private final Routes publicRoutes;
    private final ImageEventStream events;
    private final GalleryView galleries = new GalleryView();
    private final UsageTracking usage;
    private volatile IndexWriterLoop loop;
    private volatile GalleryReader galleryReader;
    private volatile boolean closed;

    /** Opens the index in {@code config.indexDir()}; nothing is read from Kafka before {@link #start()}. */
    public Api(ApiConfig config, KafkaSettings kafka, ObjectStore store, AccessGuard guard) {
        this.kafka = kafka;
        this.index = ImageIndex.open(config.indexDir());
        // Usage is counted by the public routes below and read by the record and the search.
        this.usage = new UsageTracking(config.usage(), kafka, guard);
        ServedTo servedTo = usage.servedTo();
        this.routes = new ImageRoutes(index, guard, usage.view());
        PublishedImages published = new PublishedImages(index);
        // Connects on the first edit only.
        this.edits = new EditLog(index, published, KafkaClients.producer(kafka), Clock.systemUTC(), EditLog.Timeouts.defaults(),
                this::isCaughtUp);
        this.events = new ImageEventStream(index, guard, ImageEventStream.Limits.defaults());
        // A saved gallery is in this replica's view within a fraction of a second; 5 s covers a slow broker.
        GalleryLog galleryLog = new GalleryLog(galleries, edits.publisher(), index, published, Clock.systemUTC(),
                Duration.ofSeconds(5), this::galleriesCaughtUp);
        GalleryPages galleryPages = new GalleryPages(galleries, published, config.serving(), servedTo);
        EmbedRoutes embeds = new EmbedRoutes(published, config.serving(), galleryPages, servedTo);
        List<Routes> more = List.of(
                events,
                new SearchRoutes(new SearchService(index, usage.view()), guard),
                new RenditionRoutes(published, store, guard, config.serving(), servedTo),
                embeds,
                new EditRoutes(edits, store, guard),
                new GalleryRoutes(galleryLog, galleryPages, guard, embeds::publicBase),
                usage.routes());
        this.publicRoutes = app -> more.forEach(r -> r.addTo(app));
    }

    /** Starts reading the topics into the index, from where the index left off. */
    public synchronized void start() {
        if (closed || loop != null) {
            throw new IllegalStateException("an api is started once, before it is closed");
        }
        // No group.id: every replica reads every partition itself, and its offsets live in its index.
        KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(kafka, Map.of(
                // A topic must be created by TopicSetup (compacted, kept forever), never by a reader's
                // metadata request with the broker's defaults.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                // New events must be searchable within a second; with the default 500 ms the broker
                // often held a fetch that long (measured: about 1 s from publish to searchable, 0.5 s
                // with 100 ms). Idle replicas ask ten times a second, a negligible load.
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100,
                // Large polls while rebuilding from the topics (each is one batch staged and written
                // while the next is fetched); a live index gets what there is.
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20_000,
                // A partition's share of a fetch: 4 MB (a few thousand events) instead of 1 MB, for
                // fewer, larger fetches while rebuilding.
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024));
        loop = new IndexWriterLoop(index, consumer, Topics.IMAGES);
        loop.start();
        galleryReader = new GalleryReader(KafkaClients.consumer(kafka, Map.of(
                // Its own name, beside the index's consumer, in the broker's logs and the client's metrics.
                ConsumerConfig.CLIENT_ID_CONFIG, kafka.clientId() + "-galleries",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                // A gallery saved on another replica is shown here within a fraction of a second.
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100)), galleries);
        galleryReader.start();
        usage.start();
    }

    /** Where the public routes count each response: per picture and site, published on {@code media.usages}. */
    public UsageCounter usage() {
        return usage.counter();
    }

    /** The api's HTTP routes, to add to a server. */
    public Routes routes() {
        return app -> {
            routes.addTo(app);
            publicRoutes.addTo(app);
        };
    }

    /** The files the api serves beside its routes: the picture desk at {@code /}. */
    public List<StaticFiles> files() {
        return List.of(DeskFiles.files());
    }

    /**
     * Whether the index has caught up with the topics as they were at the start, and is still
     * being updated (or, while a new index format is rebuilt, the previous index answers), and the
     * galleries and the usages are read (a record answered before would say a used picture is unused).
     */
    public boolean isReady() {
        IndexWriterLoop current = loop;
        return !closed && current != null && (current.isCaughtUp() || index.isServingPrevious()) && !current.hasFailed()
                && galleriesCaughtUp() && usage.view().isCaughtUp();
    }

    /** Whether the galleries' view holds every gallery the topic held at the start. */
    private boolean galleriesCaughtUp() {
        GalleryReader reader = galleryReader;
        return reader != null && reader.isCaughtUp();
    }

    /** Whether the index being written has read the topics as they were at the start (edits need that). */
    private boolean isCaughtUp() {
        IndexWriterLoop current = loop;
        return current != null && current.isCaughtUp() && !current.hasFailed() && !index.isServingPrevious();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            events.close();
            if (galleryReader != null) {
                galleryReader.close();
            }
            // Publishes what was counted since the last flush.
            usage.close();
            if (loop != null) {
                loop.close();
            }
        } finally {
            try {
                edits.close();
            } finally {
                index.close();
            }
        }
    }
}
