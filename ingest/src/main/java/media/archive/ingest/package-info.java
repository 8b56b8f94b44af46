/**
 * Ingest: photographers' uploads into the archive. {@link media.archive.ingest.Ingest} is the
 * service, {@link media.archive.ingest.IngestConfig} its settings, {@link media.archive.ingest.IngestMain}
 * its program; {@code media.archive.ingest.upload} holds the upload route and its checks.
 */
package media.archive.ingest;
