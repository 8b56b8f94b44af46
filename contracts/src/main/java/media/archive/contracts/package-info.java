/**
 * What the archive's services agree on: the events on the Kafka topics, the image record the
 * API serves, topic names, the object-key layout in S3 and the JSON codec.
 *
 * <p>Events carry a {@code schema} version; readers ignore fields they do not know, so a newer
 * writer never breaks an older reader. Nothing here depends on any other module of the archive.
 */
package media.archive.contracts;
