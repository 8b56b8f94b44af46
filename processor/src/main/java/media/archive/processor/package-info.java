/**
 * The processor service: turns every {@code ImageUploaded} on {@code media.uploaded} into an
 * {@code ImageProcessed} (metadata and renditions) or an {@code ImageFailed} (a reason code) on
 * {@code media.processed}.
 *
 * <p>The public face is {@link media.archive.processor.Processor} (built from a
 * {@link media.archive.processor.ProcessorConfig}) and {@link media.archive.processor.ProcessorMain},
 * which runs it on its own. The consumer loop and its error classification are package-private;
 * the work on one image lives in {@code pipeline}, {@code metadata} and {@code rendition}.
 */
package media.archive.processor;
