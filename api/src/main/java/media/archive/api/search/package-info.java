/**
 * Searching the index: free text over captions, headlines, titles, keywords, credits and
 * places, every word required, in any script and without regard to case or diacritics; or
 * every image, newest upload first. Results are paged with opaque cursors. A photographer
 * searches the images their key uploaded. The language's words are tables
 * ({@code SearchVocabulary}) that the parser reads queries with and the help shows; filters are
 * completed from facet values.
 */
package media.archive.api.search;
