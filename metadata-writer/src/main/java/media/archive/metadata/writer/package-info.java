/**
 * Writes the archive's current caption and credits into downloaded image files as XMP and
 * IPTC-IIM. The face is {@link media.archive.metadata.writer.MetadataWriter} and its value
 * {@link media.archive.metadata.writer.WrittenMetadata}; the format codecs beside them are
 * package-private. Reading metadata stays in the processor.
 */
package media.archive.metadata.writer;
