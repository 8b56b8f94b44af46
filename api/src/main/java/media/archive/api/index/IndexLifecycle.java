package media.archive.api.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index's files from opening to closing: the Lucene index being written and the manager of
 * its searchers; and, while an index of an older {@link CommitData#FORMAT} is rebuilt from the
 * topics beside it (in {@code <dir>.rebuild}, which survives restarts), the previous index, which
 * answers readers until the rebuilt one has caught up and is {@linkplain #promote() promoted}.
 *
 * <p>{@link #serving()} and {@link #isServingPrevious()} may be called from any thread; the
 * rest from the thread that writes the index (the writer and searchers it hands out change at a
 * promotion, which that thread does).
 */
final class IndexLifecycle {
    // Logged as the index: the name operators know its messages by.
    private static final Logger LOG = LoggerFactory.getLogger(ImageIndex.class);

    private final Path dir;
    private final Analyzer analyzer;
    // The index being written, and the manager of its searchers; replaced once, when a rebuild is promoted.
    private Directory directory;
    private IndexWriter writer;
    private SearcherManager searchers;
    /** What readers see: the index being written, or while it is rebuilt, the previous index. */
    private volatile SearcherManager serving;
    private Directory previousDirectory;
    private volatile boolean rebuilding;

    private IndexLifecycle(Path dir, Analyzer analyzer, Directory directory, IndexWriter writer, Directory previous)
            throws IOException {
        this.dir = dir;
        this.analyzer = analyzer;
        this.directory = directory;
        this.writer = writer;
        // applyAllDeletes: an updated document must replace the old one for readers at once.
        this.searchers = new SearcherManager(writer, true, false, new ImageSearcher.Factory());
        this.previousDirectory = previous;
        this.rebuilding = previous != null;
        this.serving = previous == null ? searchers : new SearcherManager(previous, new ImageSearcher.Factory());
    }

    /**
     * Opens the index in {@code dir}, creating it (and the directory) when there is none; when
     * {@code dir} holds an index of another format, opens the rebuild beside it for writing and
     * the old one for reading. Closes what it opened when it fails; the analyzer stays the caller's then.
     */
    static IndexLifecycle open(Path dir, Analyzer analyzer) throws IOException {
        Directory directory = null;
        Directory previous = null;
        try {
            Path rebuild = rebuildDir(dir);
            if (!Files.exists(dir) && Files.exists(rebuild)) {
                // Stopped half-way through a promotion: the rebuilt index is the index.
                Files.move(rebuild, dir, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.createDirectories(dir);
            Path target = dir;
            try (Directory existing = FSDirectory.open(dir)) {
                if (DirectoryReader.indexExists(existing)) {
                    String format = CommitData.format(existing);
                    if (!CommitData.FORMAT.equals(format)) {
                        LOG.info("index in {} has format {}, this version writes {}: rebuilding it from the topics in {}, "
                                + "serving the old one meanwhile", dir, format, CommitData.FORMAT, rebuild);
                        target = rebuild;
                    }
                }
            }
            if (target == dir) {
                IOUtils.rm(rebuild);
            } else {
                previous = FSDirectory.open(dir);
            }
            directory = openDirectory(target);
            IndexWriter writer = openWriter(directory, analyzer, target);
            return new IndexLifecycle(dir, analyzer, directory, writer, previous);
        } catch (IOException e) {
            closeQuietly(directory);
            closeQuietly(previous);
            throw e;
        }
    }

    private static Directory openDirectory(Path path) throws IOException {
        Files.createDirectories(path);
        return FSDirectory.open(path);
    }

    /** A writer on {@code directory}, starting a new index there unless one of this format exists. */
    private static IndexWriter openWriter(Directory directory, Analyzer analyzer, Path path) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                // A batch that failed half-way must not reach the disk without its offsets.
                .setCommitOnClose(false)
                // Rebuilding writes many documents per commit; a larger buffer means fewer, larger segments.
                .setRAMBufferSizeMB(64)
                // Compound files save file handles at the cost of copying every new segment once more.
                .setUseCompoundFile(false);
        // No index sort: sorting each new segment, and merging sorted segments document by
        // document, cost a rebuild more than the listings gained, now that large segments
        // answer repeated searches from the hits remembered of them (measured: 13,600 events/s
        // sorted, 15,100 unsorted, at a million images).
        if (config.getMergePolicy() instanceof TieredMergePolicy tiered) {
            tiered.setNoCFSRatio(0.0);
        }
        boolean fresh = !DirectoryReader.indexExists(directory);
        if (!fresh) {
            String format = CommitData.format(directory);
            if (!CommitData.FORMAT.equals(format)) {
                LOG.info("index in {} has format {}, this version writes {}: starting it again", path, format, CommitData.FORMAT);
                fresh = true;
            }
        }
        config.setOpenMode(fresh ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND);
        IndexWriter writer = new IndexWriter(directory, config);
        if (fresh) {
            writer.setLiveCommitData(CommitData.of(Map.of()).entrySet());
            writer.commit();
        }
        return writer;
    }

    private static Path rebuildDir(Path dir) {
        return dir.resolveSibling(dir.getFileName() + ".rebuild");
    }

    /** The writer of the index being written. */
    IndexWriter writer() {
        return writer;
    }

    /** The searchers of the index being written, which see every document written once refreshed. */
    SearcherManager searchers() {
        return searchers;
    }

    /** The searchers readers get: of the index being written, or while it is rebuilt, of the previous index. */
    SearcherManager serving() {
        return serving;
    }

    /** Whether readers are served by the previous index while a new one is built from the topics. */
    boolean isServingPrevious() {
        return rebuilding;
    }

    /**
     * Makes the rebuilt index, committed by the caller with all it staged, the index: moves it in
     * place of the previous one (which is then deleted) and switches readers over. Readers never
     * wait: they see the previous index until the switch, the rebuilt one after.
     */
    void promote() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
        Path rebuild = rebuildDir(dir);
        Path retired = dir.resolveSibling(dir.getFileName() + ".previous");
        IOUtils.rm(retired);
        // Open readers of the previous index keep their files open; moving and deleting them is safe.
        Files.move(dir, retired, StandardCopyOption.ATOMIC_MOVE);
        Files.move(rebuild, dir, StandardCopyOption.ATOMIC_MOVE);
        directory = FSDirectory.open(dir);
        writer = openWriter(directory, analyzer, dir);
        searchers = new SearcherManager(writer, true, false, new ImageSearcher.Factory());
        SearcherManager previous = serving;
        serving = searchers;
        rebuilding = false;
        previous.close();
        closeQuietly(previousDirectory);
        previousDirectory = null;
        IOUtils.rm(retired);
        LOG.info("rebuilt index caught up with the topics and now answers searches from {}", dir);
    }

    /** Closes the searchers, of both indexes while rebuilding; the first of the steps of closing. */
    void closeSearchers() throws IOException {
        if (serving != searchers) {
            serving.close();
        }
        searchers.close();
    }

    /** Closes the writer, without committing: what is staged is the caller's to commit first. */
    void closeWriter() throws IOException {
        writer.close();
    }

    /** Closes the directories and the analyzer; the last of the steps of closing, whatever failed before. */
    void closeFiles() {
        closeQuietly(directory);
        closeQuietly(previousDirectory);
        analyzer.close();
    }

    private static void closeQuietly(Directory directory) {
        if (directory == null) {
            return;
        }
        try {
            directory.close();
        } catch (IOException e) {
            LOG.warn("cannot close index directory: {}", e.getMessage());
        }
    }
}
