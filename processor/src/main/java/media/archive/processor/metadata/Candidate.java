package media.archive.processor.metadata;

import java.util.Objects;

/**
 * One source's value for one field, already decoded and cleaned, with the tag it was read from
 * ({@code IPTC:By-line}); the tag becomes the field's provenance when the candidate is chosen.
 */
record Candidate<T>(T value, String tag) {
    Candidate {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(tag, "tag");
    }
}
