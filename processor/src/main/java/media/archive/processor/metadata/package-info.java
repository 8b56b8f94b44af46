/**
 * Reads what a camera and photo software embedded in an image (EXIF, IPTC-IIM, XMP, ICC) into the
 * archive's {@link media.archive.contracts.ImageMetadata}.
 *
 * <p>Each source contributes <em>candidates</em> per field; {@code MwgReconciler} chooses among them
 * the way the Metadata Working Group's
 * <a href="https://web.archive.org/web/2017/http://www.metadataworkinggroup.org/pdf/mwg_guidance.pdf">Guidelines
 * for Handling Image Metadata 2.0</a> prescribe (the same rules as {@code exiftool -use MWG}). Values
 * the photographer typed at upload are applied last and win. Broken metadata never fails an image: each
 * problem becomes a warning on the result.
 *
 * <p>The reconciled values are kept as {@code raw}; a copy is then cleaned by the newsroom's rules
 * ({@code CleaningRules}, switched by {@link media.archive.processor.metadata.NewsroomCleaning}) and
 * given a credit line.
 *
 * <p>The public face is {@link media.archive.processor.metadata.MetadataReader} and
 * {@link media.archive.processor.metadata.NewsroomCleaning}.
 */
package media.archive.processor.metadata;
