/**
 * Makes the web renditions of an original: JPEGs no larger than a long edge each
 * ({@code thumb} 256 px, {@code medium} 1024 px by default), turned upright by the EXIF
 * orientation, never enlarged.
 *
 * <p>An original is decoded once, with ImageIO source subsampling to about twice the largest
 * rendition (so a 24 MP photo never sits in memory at full size); the largest rendition is made
 * from that with Thumbnailator and each smaller one from the one before it. TwelveMonkeys'
 * JPEG plugin decodes what the JDK cannot (CMYK and YCCK JPEGs). Formats without a Java decoder
 * (HEIC, AVIF, WebP) fail with {@code unsupported-format}; broken files with {@code undecodable};
 * pictures above the pixel limit, judged from the header before any decoding, with {@code too-large}.
 *
 * <p>The public face is {@link media.archive.processor.rendition.RenditionMaker}.
 */
package media.archive.processor.rendition;
