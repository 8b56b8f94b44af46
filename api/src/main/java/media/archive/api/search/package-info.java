/**
 * Searching the index: free text over captions, headlines, titles, keywords, credits and
 * places, every word required, in any script and without regard to case or diacritics; or
 * every image, newest upload first. Results are paged with opaque cursors.
 */
package media.archive.api.search;
