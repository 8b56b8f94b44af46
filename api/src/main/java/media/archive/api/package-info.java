/**
 * The archive's api: it reads the topics into a Lucene index on local disk and serves image
 * records and search to editors, and renditions to websites. {@link media.archive.api.Api} is
 * the face other programs wire; {@link media.archive.api.ApiMain} runs it on its own.
 */
package media.archive.api;
