package media.archive.processor.metadata;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The news agencies whose names reach the archive in many spellings, each with its canonical name
 * (the one its own credit lines use today) and the variants and misspellings seen in wire files.
 */
final class Agencies {
    private static final Map<String, String> CANONICAL = new HashMap<>();

    static {
        add("AFP", "afp", "afp photo", "agence france-presse", "agence france presse", "agence france press",
                "agence-france presse", "french press agency");
        add("AP", "ap", "ap photo", "associated press", "the associated press", "assoicated press",
                "assocated press", "associated pres", "asociated press");
        add("Reuters", "reuters", "reuter", "thomson reuters", "reuters pictures", "reuters photo", "reutres",
                "reuteurs", "retuers", "rueters", "reuetrs", "rtr");
        add("Getty Images", "getty images", "getty", "gettyimages", "getty image", "getty imges", "getty imags",
                "gety images", "getty-images");
        add("EPA", "epa", "epa-efe", "epa/efe", "european pressphoto agency", "european press photo agency",
                "epa photo");
        add("PA Media", "pa media", "pa", "pa wire", "pa images", "pa photos", "press association",
                "press association images", "pa archive", "pa wire/pa images");
    }

    /** Words that mark a credit part as an organisation rather than a person. */
    private static final Pattern ORGANISATION = Pattern.compile(
            "(?i).*(\\.com|\\.net|\\.org|\\.co\\.|\\bimages?\\b|\\bphotos?\\b|\\bpress\\b|\\bnews\\b|\\bagency\\b"
                    + "|\\bmedia\\b|\\bpictures\\b|\\bwire\\b|\\bservice\\b|\\bltd\\b|\\binc\\b|\\bgmbh\\b).*");

    private Agencies() {
    }

    private static void add(String canonical, String... variants) {
        for (String variant : variants) {
            CANONICAL.put(variant, canonical);
        }
    }

    /** The canonical name of {@code name} when it is a known agency in any spelling, else null. */
    static String canonical(String name) {
        if (name == null) {
            return null;
        }
        String key = name.toLowerCase(Locale.ROOT).replace(".", "").replaceAll("\\s+", " ").strip();
        return CANONICAL.get(key);
    }

    /** Whether {@code part} of a credit names an organisation: a known agency, a web site, "... Images". */
    static boolean isOrganisation(String part) {
        return canonical(part) != null || ORGANISATION.matcher(part).matches();
    }

    /** Every canonical name, for documentation and tests. */
    static List<String> names() {
        return CANONICAL.values().stream().distinct().sorted().toList();
    }
}
