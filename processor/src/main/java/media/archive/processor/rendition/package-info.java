/**
 * Makes the web renditions of an original: progressive sRGB JPEGs no larger than a long edge
 * each ({@code thumb} 256, {@code small} 512, {@code medium} 1024, {@code large} 2048 px by
 * default), turned upright by the EXIF orientation, never enlarged, carrying only the creator and
 * copyright; and the picture's {@link media.archive.contracts.Appearance} (BlurHash, dominant
 * colour, dHash) from the smallest of them.
 *
 * <p>An original is decoded once, with ImageIO source subsampling where it is at least twice the
 * largest rendition; plain JPEGs go to the JDK's libjpeg reader, the rest (CMYK, YCCK, embedded
 * ICC profiles such as Adobe RGB, Display P3 or ProPhoto) to TwelveMonkeys, which converts them to
 * sRGB. TIFF (16-bit too) and WebP come from TwelveMonkeys, PNG, GIF (first frame) and BMP from the
 * JDK. Grey pictures stay grey; transparency is laid on a configurable background. The largest
 * rendition is made from the decoded picture with Thumbnailator and each smaller one from the one
 * before; the decoded picture is dropped as soon as the first is made.
 *
 * <p>Formats without a Java decoder (HEIC, AVIF) fail with {@code unsupported-format}; broken
 * files with {@code undecodable}; pictures above the pixel limit, judged from the header before
 * any decoding, or taking longer than the time budget with {@code too-large}.
 *
 * <p>The public face is {@link media.archive.processor.rendition.RenditionMaker}, configured with
 * {@link media.archive.processor.rendition.RenditionSpec}s, with
 * {@link media.archive.processor.rendition.Credit}, the results
 * {@link media.archive.processor.rendition.RenditionSet} and
 * {@link media.archive.processor.rendition.RenditionImage}, what it tells while it works
 * {@link media.archive.processor.rendition.RenditionProgress}, and the refusal
 * {@link media.archive.processor.rendition.RenditionException}.
 */
package media.archive.processor.rendition;
