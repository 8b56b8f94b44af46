/**
 * Processes one uploaded image from end to end: fetch the original from S3, read its metadata,
 * make its renditions, store them, and answer with the event to publish.
 *
 * <p>The public face is {@link media.archive.processor.pipeline.ImageProcessing}, and
 * {@link media.archive.processor.pipeline.StageTimes}, where the time of each image's stages is summed up.
 */
package media.archive.processor.pipeline;
