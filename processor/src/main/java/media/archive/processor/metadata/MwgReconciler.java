package media.archive.processor.metadata;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses one candidate per field the way the MWG guidelines (and {@code exiftool -use MWG}) do:
 * <ol>
 * <li>for fields EXIF also holds (creator, description, copyright, date taken, camera), a
 *     non-empty EXIF value wins;</li>
 * <li>otherwise XMP wins over IPTC-IIM, unless the IPTC digest shows the IIM block was edited
 *     after the XMP was written ({@link IptcSync#CHANGED}), or XMP lacks the value;</li>
 * <li>an IIM value that fills its dataset's length limit and that XMP continues was truncated
 *     by the IIM limit, so the XMP value is used;</li>
 * <li>tags no MWG rule names (Windows XP tags, EXIF UserComment) count only when none of the
 *     three blocks has a value.</li>
 * </ol>
 * Where a chosen value disagrees with another source, a warning names both, so that editors
 * see the conflict the rules resolved.
 */
final class MwgReconciler {
    private final IptcSync sync;

    MwgReconciler(IptcSync sync) {
        this.sync = Objects.requireNonNull(sync, "sync");
    }

    <T> Optional<Candidate<T>> choose(Field<T> field, Candidates candidates, Warnings warnings) {
        Optional<Candidate<T>> exif = candidates.get(field, Origin.EXIF);
        Optional<Candidate<T>> iim = candidates.get(field, Origin.IPTC);
        Optional<Candidate<T>> xmp = candidates.get(field, Origin.XMP);
        Optional<Candidate<T>> chosen;
        if (field.rule == Field.Rule.EXIF_FIRST && exif.isPresent()) {
            chosen = exif;
        } else if (xmp.isPresent() && (iim.isEmpty() || sync.xmpPreferred())) {
            chosen = xmp;
        } else if (iim.isPresent() && xmp.isPresent() && truncatedBy(field, iim.get().value(), xmp.get().value())) {
            chosen = xmp;
        } else {
            chosen = iim.isPresent() ? iim : xmp;
        }
        chosen.ifPresent(c -> reportConflicts(field, c, List.of(exif, iim, xmp), warnings));
        return chosen.isPresent() ? chosen : candidates.get(field, Origin.FALLBACK);
    }

    private <T> void reportConflicts(Field<T> field, Candidate<T> chosen, List<Optional<Candidate<T>>> all,
                                     Warnings warnings) {
        for (Optional<Candidate<T>> other : all) {
            if (other.isPresent() && other.get() != chosen
                    && !same(field, chosen.value(), other.get().value())
                    && !truncatedBy(field, other.get().value(), chosen.value())) {
                warnings.add(field.name + ": " + chosen.tag() + " chosen over " + other.get().tag() + ", which differs");
            }
        }
    }

    /** Whether {@code iim} is {@code xmp} cut at the IIM dataset's length limit (counted in bytes). */
    private static boolean truncatedBy(Field<?> field, Object iim, Object xmp) {
        if (field.iimLimit == 0) {
            return false;
        }
        if (iim instanceof String i && xmp instanceof String x) {
            return x.length() > i.length() && x.startsWith(i)
                    && i.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= field.iimLimit - 3;
        }
        if (iim instanceof List<?> i && xmp instanceof List<?> x && i.size() == x.size()) {
            for (int n = 0; n < i.size(); n++) {
                Object a = i.get(n);
                Object b = x.get(n);
                if (!a.equals(b) && !truncatedBy(field, a, b)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Equal up to white space, which writers re-flow freely between blocks. Dates agree when they
     * name the same second, or when one only has the day of the other: IIM has no sub-seconds and
     * writers round them differently.
     */
    private static boolean same(Field<?> field, Object a, Object b) {
        String x = normalise(a);
        String y = normalise(b);
        if (field == Field.DATE_TAKEN) {
            int common = Math.min(Math.min(x.length(), y.length()), "YYYY-MM-DDTHH:MM:SS".length());
            return x.regionMatches(0, y, 0, common);
        }
        return x.equals(y);
    }

    private static String normalise(Object value) {
        String text = value instanceof List<?> list ? String.join(";", list.stream().map(String::valueOf).toList())
                : String.valueOf(value);
        return text.replaceAll("\\s+", " ").strip();
    }
}
