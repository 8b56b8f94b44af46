/**
 * Writes the archive's current caption and credits into downloaded image files as XMP and
 * IPTC-IIM, and stamps the pictures websites are served with their rights (a small XMP block,
 * and EXIF in JPEG). The face is {@link media.archive.metadata.writer.MetadataWriter} and its value
 * {@link media.archive.metadata.writer.WrittenMetadata}; the format codecs beside them are
 * package-private. Reading metadata stays in the processor.
 */
package media.archive.metadata.writer;
