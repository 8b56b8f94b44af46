package media.archive.processor.metadata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The newsroom's cleaning rules, in the order they run. Each works on a few fields and says in its
 * Javadoc what a picture desk would otherwise fix by hand.
 */
final class CleaningRules {
    private CleaningRules() {
    }

    /** Every rule, in order: later rules see what earlier ones made. */
    static final List<CleaningRule> ALL = List.of(
            new BlankValues(), new CopyrightPrefix(), new BylineSplit(), new PlaceholderNames(),
            new AgencyNames(), new CountryNames(), new NameCase());

    /** Text fields people read, where a lone dash or dot stands for "nothing". */
    private static final List<Field<String>> TEXT_FIELDS = List.of(Field.CREATOR_JOB_TITLE, Field.CREDIT,
            Field.SOURCE, Field.COPYRIGHT, Field.USAGE_TERMS, Field.INSTRUCTIONS, Field.DESCRIPTION, Field.HEADLINE,
            Field.TITLE, Field.CITY, Field.STATE, Field.COUNTRY, Field.COUNTRY_CODE, Field.LOCATION, Field.ALT_TEXT);

    /**
     * {@code blank-values}: "-", "." and other values made only of dashes, dots and blanks are what
     * tools write into a required field; they mean the field is empty.
     */
    static final class BlankValues implements CleaningRule {
        private static final Pattern NOTHING = Pattern.compile("[\\s\\-–—._]*");

        @Override
        public String name() {
            return "blank-values";
        }

        @Override
        public void apply(FieldValues values) {
            for (Field<String> field : TEXT_FIELDS) {
                String text = values.text(field);
                if (text != null && NOTHING.matcher(text).matches()) {
                    values.text(field, null);
                }
            }
            for (Field<List<String>> field : List.of(Field.CREATOR, Field.KEYWORDS)) {
                values.list(field, values.list(field).stream().filter(v -> !NOTHING.matcher(v).matches()).toList());
            }
        }
    }

    /**
     * {@code copyright-prefix}: "©", "(c)" or "Copyright", often with a year, written before a name
     * in the byline or credit ("©1985 David Riecks"); the copyright field keeps them.
     */
    static final class CopyrightPrefix implements CleaningRule {
        private static final Pattern PREFIX = Pattern.compile(
                "(?i)^\\s*(?:©|\\(c\\)|copyright\\b\\s*(?:©|\\(c\\))?)\\s*(?:\\d{4}(?:\\s*[-–]\\s*\\d{2,4})?)?\\s*(?:by\\b)?[\\s,:.]*");

        @Override
        public String name() {
            return "copyright-prefix";
        }

        static String strip(String text) {
            return text == null ? null : PREFIX.matcher(text).replaceFirst("").strip();
        }

        @Override
        public void apply(FieldValues values) {
            values.list(Field.CREATOR, values.list(Field.CREATOR).stream().map(CopyrightPrefix::strip).toList());
            values.text(Field.CREDIT, strip(values.text(Field.CREDIT)));
        }
    }

    /**
     * {@code byline-split}: wires and tools put the agency into the byline ("Name/Agency",
     * "Name via Agency", "Name - Agency", Reuters' "REUTERS/Name"). The person stays the creator;
     * the agency becomes the credit when the file has none. A credit "Name/Agency" that repeats
     * the creator's name keeps only the agency.
     */
    static final class BylineSplit implements CleaningRule {
        private static final Pattern VIA = Pattern.compile("(?i)^(.+?)\\s+via\\s+(.+)$");
        private static final Pattern DASH = Pattern.compile("^(.+?)\\s+[-–—]\\s+(.+)$");

        @Override
        public String name() {
            return "byline-split";
        }

        /** The person and the agency of a byline, or null when it names only one of them. */
        record Split(String person, String agency) {
        }

        static Split split(String byline) {
            Matcher via = VIA.matcher(byline);
            if (via.matches()) {
                return new Split(via.group(1).strip(), via.group(2).strip());
            }
            if (byline.contains("/")) {
                List<String> persons = new ArrayList<>();
                List<String> agencies = new ArrayList<>();
                for (String part : byline.split("/")) {
                    String p = part.strip();
                    if (!p.isEmpty()) {
                        (Agencies.isOrganisation(p) ? agencies : persons).add(p);
                    }
                }
                if (persons.size() == 2 && agencies.isEmpty()) {
                    // "Name/Agency" with an agency we do not know: the writers' convention puts the agency last.
                    return new Split(persons.get(0), persons.get(1));
                }
                if (persons.size() == 1 && !agencies.isEmpty()) {
                    return new Split(persons.get(0), String.join("/", agencies));
                }
                if (persons.isEmpty() && !agencies.isEmpty()) {
                    return new Split(null, String.join("/", agencies));
                }
                return null;
            }
            Matcher dash = DASH.matcher(byline);
            if (dash.matches()) {
                String left = dash.group(1).strip();
                String right = dash.group(2).strip();
                boolean leftAgency = Agencies.isOrganisation(left);
                boolean rightAgency = Agencies.isOrganisation(right);
                if (rightAgency && !leftAgency) {
                    return new Split(left, right);
                }
                if (leftAgency && !rightAgency) {
                    return new Split(right, left);
                }
            }
            return null;
        }

        @Override
        public void apply(FieldValues values) {
            List<String> creators = new ArrayList<>();
            String agency = null;
            for (String byline : values.list(Field.CREATOR)) {
                Split split = split(byline);
                if (split == null) {
                    creators.add(byline);
                } else {
                    if (split.person() != null) {
                        creators.add(split.person());
                    }
                    agency = agency == null ? split.agency() : agency;
                }
            }
            if (agency != null && values.text(Field.CREDIT) == null) {
                values.text(Field.CREDIT, agency, Field.CREATOR);
            }
            values.list(Field.CREATOR, creators);
            String credit = values.text(Field.CREDIT);
            if (credit != null && credit.contains("/")) {
                String first = credit.substring(0, credit.indexOf('/')).strip();
                String rest = credit.substring(credit.indexOf('/') + 1).strip();
                if (!rest.isEmpty() && creators.stream().anyMatch(c -> c.equalsIgnoreCase(first))) {
                    values.text(Field.CREDIT, rest);
                }
            }
        }
    }

    /**
     * {@code placeholder-names}: "Handout", "HO", "Staff", "Stringer", "STR", "Pool", "Uncredited",
     * "Supplied" stand where the wire has no name; they are no one's byline and no credit.
     */
    static final class PlaceholderNames implements CleaningRule {
        static final Set<String> TOKENS = Set.of("handout", "ho", "staff", "stringer", "str", "pool",
                "uncredited", "supplied", "handout photo", "staff photographer", "pool photo", "-str-");

        @Override
        public String name() {
            return "placeholder-names";
        }

        static boolean isPlaceholder(String text) {
            return TOKENS.contains(text.toLowerCase(Locale.ROOT).replace(".", "").strip());
        }

        @Override
        public void apply(FieldValues values) {
            values.list(Field.CREATOR, values.list(Field.CREATOR).stream().filter(c -> !isPlaceholder(c)).toList());
            String credit = values.text(Field.CREDIT);
            if (credit != null) {
                List<String> parts = new ArrayList<>();
                for (String part : credit.split("/")) {
                    if (!part.isBlank() && !isPlaceholder(part)) {
                        parts.add(part.strip());
                    }
                }
                values.text(Field.CREDIT, String.join("/", parts));
            }
        }
    }

    /**
     * {@code agency-names}: the big agencies under the name they use today ("REUTERS" and
     * "Thomson Reuters" become "Reuters", "PA" becomes "PA Media"), in the credit and the source,
     * part by part ("AFP/Getty Images").
     */
    static final class AgencyNames implements CleaningRule {
        @Override
        public String name() {
            return "agency-names";
        }

        static String canonical(String credit) {
            if (credit == null) {
                return null;
            }
            String whole = Agencies.canonical(credit);
            if (whole != null) {
                return whole;
            }
            // Part by part, keeping the separators as written ("Julie Doe / Mugwum Press" stays as it is).
            Matcher parts = Pattern.compile("[^/]+").matcher(credit);
            StringBuilder out = new StringBuilder();
            while (parts.find()) {
                String part = parts.group();
                String canonical = Agencies.canonical(part);
                if (canonical == null) {
                    parts.appendReplacement(out, Matcher.quoteReplacement(part));
                } else {
                    String lead = part.substring(0, part.length() - part.stripLeading().length());
                    String trail = part.substring(part.stripTrailing().length());
                    parts.appendReplacement(out, Matcher.quoteReplacement(lead + canonical + trail));
                }
            }
            return parts.appendTail(out).toString();
        }

        @Override
        public void apply(FieldValues values) {
            values.text(Field.CREDIT, canonical(values.text(Field.CREDIT)));
            values.text(Field.SOURCE, canonical(values.text(Field.SOURCE)));
        }
    }

    /**
     * {@code country-names}: a country given only as an ISO 3166 code ("JPN", "DE") is shown by
     * its English name; the code is kept in {@code countryCode}.
     */
    static final class CountryNames implements CleaningRule {
        private static final Map<String, String> ALPHA3_TO_2 = new HashMap<>();

        static {
            for (String alpha2 : Locale.getISOCountries()) {
                ALPHA3_TO_2.put(new Locale("", alpha2).getISO3Country(), alpha2);
            }
        }

        @Override
        public String name() {
            return "country-names";
        }

        /** The English name of an ISO 3166 alpha-2 or alpha-3 code, or null when it is none. */
        static String countryName(String code) {
            if (code == null) {
                return null;
            }
            String upper = code.strip().toUpperCase(Locale.ROOT);
            String alpha2 = upper.length() == 3 ? ALPHA3_TO_2.get(upper) : upper;
            if (alpha2 == null || alpha2.length() != 2 || !Set.of(Locale.getISOCountries()).contains(alpha2)) {
                return null;
            }
            return new Locale("", alpha2).getDisplayCountry(Locale.ENGLISH);
        }

        @Override
        public void apply(FieldValues values) {
            String country = values.text(Field.COUNTRY);
            String code = values.text(Field.COUNTRY_CODE);
            if (country != null && country.strip().length() <= 3 && countryName(country) != null) {
                if (code == null) {
                    values.text(Field.COUNTRY_CODE, country.strip().toUpperCase(Locale.ROOT), Field.COUNTRY);
                }
                values.text(Field.COUNTRY, countryName(country));
            } else if (country == null && countryName(code) != null) {
                values.text(Field.COUNTRY, countryName(code), Field.COUNTRY_CODE);
            }
        }
    }

    /**
     * {@code name-case}: names typed all in capitals ("YURIKO NAKAO", wire style) or all in lower
     * case are title-cased ("Yuriko Nakao"), keeping particles such as van, de, da lower-case
     * inside a name. Applies to creators and to city, state and country.
     */
    static final class NameCase implements CleaningRule {
        private static final Set<String> PARTICLES = Set.of("van", "von", "de", "da", "di", "du", "del", "della",
                "der", "den", "des", "la", "le", "dos", "das", "do", "ten", "ter", "y", "e", "bin", "binti", "al", "el", "zu");

        @Override
        public String name() {
            return "name-case";
        }

        /** {@code name} title-cased when it is written in one case only, else unchanged. */
        static String titleCase(String name) {
            if (name == null || Agencies.canonical(name) != null || (name.length() <= 3 && !name.contains(" "))) {
                // Agencies and short acronyms ("AFP", "NYC") keep their capitals.
                return name;
            }
            boolean upper = name.equals(name.toUpperCase(Locale.ROOT));
            boolean lower = name.equals(name.toLowerCase(Locale.ROOT));
            long letters = name.chars().filter(Character::isLetter).count();
            if ((!upper && !lower) || letters < 2 || name.chars().anyMatch(c -> Character.isLetter(c)
                    && !Character.isUpperCase(c) && !Character.isLowerCase(c))) {
                // Mixed case was typed on purpose; scripts without case (CJK, Bengali) have nothing to fix.
                return name;
            }
            String[] words = name.toLowerCase(Locale.ROOT).split(" ", -1);
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < words.length; i++) {
                if (i > 0) {
                    out.append(' ');
                }
                String word = words[i];
                out.append(i > 0 && i < words.length - 1 && PARTICLES.contains(word) ? word : capitalise(word));
            }
            return out.toString();
        }

        /** Capitalises each part of a word joined by a hyphen or an apostrophe: "jean-pierre", "o'neill". */
        private static String capitalise(String word) {
            StringBuilder out = new StringBuilder(word.length());
            boolean start = true;
            for (int i = 0; i < word.length(); i++) {
                char c = word.charAt(i);
                out.append(start ? Character.toTitleCase(c) : c);
                start = c == '-' || c == '\'' || c == '’' || c == '(' || c == '.';
            }
            return out.toString();
        }

        @Override
        public void apply(FieldValues values) {
            values.list(Field.CREATOR, values.list(Field.CREATOR).stream().map(NameCase::titleCase).toList());
            for (Field<String> place : List.of(Field.CITY, Field.STATE, Field.COUNTRY)) {
                values.text(place, titleCase(values.text(place)));
            }
        }
    }
}
