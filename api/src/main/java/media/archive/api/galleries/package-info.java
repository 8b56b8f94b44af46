/**
 * Galleries: pictures in order with their captions and credits, made by editors
 * ({@link media.archive.api.galleries.GalleryRoutes}), recorded as events on
 * {@code media.galleries} ({@link media.archive.api.galleries.GalleryLog}), held in memory by every
 * replica ({@link media.archive.api.galleries.GalleryView}, rebuilt from the topic at each start by
 * {@link media.archive.api.galleries.GalleryReader}), and published to websites as a page, an
 * embed and an oEmbed answer ({@link media.archive.api.galleries.GalleryPages}) made of the
 * single-image embed's figures.
 */
package media.archive.api.galleries;
