package media.archive.processor.metadata;

/**
 * One of the picture desk's cleaning rules, applied to an image's reconciled values. Each rule is
 * small, has a stable {@link #name()} by which configuration switches it off, and leaves the raw
 * values alone: it only changes the cleaned copy. Implementations are stateless and thread-safe.
 */
interface CleaningRule {
    /** The rule's name in {@code PROCESSOR_CLEANING_DISABLED}, such as {@code copyright-prefix}. */
    String name();

    void apply(FieldValues values);
}
