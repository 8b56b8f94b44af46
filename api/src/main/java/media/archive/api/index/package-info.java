/**
 * The api's Lucene index as a materialised view of the Kafka topics: one document per image,
 * holding the stored JSON of its latest {@code ImageUploaded} and latest outcome
 * ({@code ImageProcessed} or {@code ImageFailed}) plus the searchable fields of the merged
 * {@code ImageRecord}. The Kafka offsets the index has applied are stored in the same Lucene
 * commit as the documents, so the view is exactly-once and resumes where it stopped; deleting
 * the directory rebuilds it from the topics.
 *
 * <p>Its face is small: {@link media.archive.api.index.ImageIndex}, which serving, editing and the
 * desk read through, {@link media.archive.api.index.ImageSearcher}, the view searches read, and
 * {@link media.archive.api.index.IndexWriterLoop}, which keeps the index up to date;
 * {@link media.archive.api.index.IndexFields} and the analysis classes tell searches how the
 * documents were written. The classes that do the work behind them are package-private.
 */
package media.archive.api.index;
