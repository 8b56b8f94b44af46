package media.archive.processor.metadata;

/** The embedded metadata blocks that the MWG guidelines reconcile; {@link #label} prefixes provenance tags. */
enum Origin {
    EXIF("EXIF"),
    IPTC("IPTC"),
    XMP("XMP"),
    /** Tags no MWG rule names (Windows XP tags, EXIF UserComment): used only when the three blocks have nothing. */
    FALLBACK("EXIF");

    final String label;

    Origin(String label) {
        this.label = label;
    }

    /** The provenance tag of {@code name} in this block, such as {@code EXIF:Artist} or {@code XMP:dc:creator}. */
    String tag(String name) {
        return label + ":" + name;
    }
}
