package media.archive.processor.metadata;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an embargo from the special instructions that wire and agency photographs carry
 * (IPTC {@code SpecialInstructions}, XMP {@code photoshop:Instructions}): "EMBARGOED UNTIL 0600
 * GMT 4 DEC 2026", "Embargo: 2026-12-04T06:00:00Z", "HOLD FOR RELEASE 6 a.m. ET December 4, 2026".
 *
 * <p>It fails closed. A release time is taken only when the text names exactly one date with
 * day, month and year, exactly one time of day and a time zone; a numeric date other than
 * ISO 8601 ({@code 04/12/2026} is April in one newsroom and December in the next), a missing
 * year or zone, a zone abbreviation that names several zones ({@code IST}) or two different
 * times make the embargo {@link Unreadable}, and the picture is then held until an editor
 * decides. A misread embargo that frees a picture early is the worst outcome; one held by
 * mistake costs an editor a click. Thread-safe (no state).
 */
final class EmbargoInstructions {
    /** Words that announce an embargo; the text after the first of them is where its time is read. */
    private static final Pattern MENTION = Pattern.compile(
            "\\b(?:embargo(?:ed)?|sperrfrist|hold(?:ing)? for release|not for (?:publication|release|use) (?:before|until|prior to))\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** The texts that say there is no embargo at all. */
    private static final Pattern NO_EMBARGO = Pattern.compile(
            "\\bno embargo\\b|\\bembargo (?:has been |is |was )?lifted\\b|\\bembargo (?:is )?over\\b",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern ISO = Pattern.compile(
            "\\b(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.\\d{1,9})?)?\\s*(Z|UTC|GMT|[+-]\\d{2}:?\\d{2})?)?(?![\\d:])",
            Pattern.CASE_INSENSITIVE);
    private static final String MONTH = "(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?";
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile(
            "\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+" + MONTH + ",?\\s+(\\d{4})\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile(
            "\\b" + MONTH + "\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b", Pattern.CASE_INSENSITIVE);
    /** A numeric date that is not ISO 8601: its order of day and month cannot be known. */
    private static final Pattern NUMERIC_DATE = Pattern.compile("\\b\\d{1,2}[./]\\d{1,2}[./]\\d{2,4}\\b");
    /** {@code 0600 GMT}, {@code 06:00 GMT}, {@code 6.00 hrs GMT}, {@code 6 a.m. ET}, {@code 6pm EST}. */
    private static final Pattern TIME = Pattern.compile(
            "(?<![\\d:.-])(\\d{1,2})(?:[:.h]?(\\d{2}))?\\s*(?:hrs?\\.?|hours|h)?\\s*(?:([ap])\\.?\\s?m\\.?)?\\s*\\(?\\b([a-z]{1,5})\\b\\)?",
            Pattern.CASE_INSENSITIVE);

    /**
     * Time zones an agency writes, each naming one zone only. Abbreviations that name several
     * ({@code IST}: India, Ireland, Israel; {@code CST}: US Central, China) are left out on purpose.
     */
    private static final Map<String, ZoneId> ZONES = Map.ofEntries(
            Map.entry("GMT", ZoneOffset.UTC), Map.entry("UTC", ZoneOffset.UTC), Map.entry("Z", ZoneOffset.UTC),
            Map.entry("BST", ZoneOffset.ofHours(1)), Map.entry("CET", ZoneOffset.ofHours(1)),
            Map.entry("CEST", ZoneOffset.ofHours(2)), Map.entry("EET", ZoneOffset.ofHours(2)),
            Map.entry("EEST", ZoneOffset.ofHours(3)), Map.entry("EST", ZoneOffset.ofHours(-5)),
            Map.entry("EDT", ZoneOffset.ofHours(-4)), Map.entry("ET", ZoneId.of("America/New_York")),
            Map.entry("PST", ZoneOffset.ofHours(-8)), Map.entry("PDT", ZoneOffset.ofHours(-7)),
            Map.entry("PT", ZoneId.of("America/Los_Angeles")), Map.entry("JST", ZoneOffset.ofHours(9)),
            Map.entry("AEST", ZoneOffset.ofHours(10)), Map.entry("AEDT", ZoneOffset.ofHours(11)),
            Map.entry("HKT", ZoneOffset.ofHours(8)), Map.entry("SGT", ZoneOffset.ofHours(8)));

    private EmbargoInstructions() {
    }

    /** What the instructions say about an embargo. */
    sealed interface Reading permits None, Until, Unreadable {
    }

    /** The instructions mention no embargo, or say there is none. */
    record None() implements Reading {
    }

    /** The picture may be published from {@code at}. */
    record Until(Instant at) implements Reading {
    }

    /** An embargo is mentioned but its end cannot be read without doubt; {@code why} says what was missing. */
    record Unreadable(String why) implements Reading {
    }

    /** Reads {@code instructions} (null or blank: no embargo). */
    static Reading read(String instructions) {
        if (instructions == null || instructions.isBlank()) {
            return new None();
        }
        Matcher mention = MENTION.matcher(instructions);
        if (!mention.find()) {
            return new None();
        }
        if (NO_EMBARGO.matcher(instructions).find()) {
            return new None();
        }
        String after = instructions.substring(mention.end());
        Set<Instant> found = new LinkedHashSet<>();
        Matcher iso = ISO.matcher(after);
        while (iso.find()) {
            if (iso.group(4) == null) {
                return new Unreadable("an ISO date without a time of day");
            }
            if (iso.group(7) == null) {
                return new Unreadable("an ISO time without a time zone");
            }
            Optional<Instant> at = isoInstant(iso);
            if (at.isEmpty()) {
                return new Unreadable("an ISO date that does not exist");
            }
            found.add(at.get());
        }
        String rest = ISO.matcher(after).replaceAll(" ");
        if (NUMERIC_DATE.matcher(rest).find()) {
            return new Unreadable("a numeric date whose day and month could be either way round");
        }
        Set<LocalDate> dates = new LinkedHashSet<>();
        StringBuilder withoutDates = new StringBuilder();
        if (!collectDates(rest, dates, withoutDates)) {
            return new Unreadable("a date that does not exist");
        }
        if (!dates.isEmpty()) {
            Set<Instant> written = new LinkedHashSet<>();
            Optional<String> problem = collectTimes(withoutDates.toString(), dates, written);
            if (problem.isPresent()) {
                return new Unreadable(problem.get());
            }
            found.addAll(written);
        }
        if (found.size() == 1) {
            return new Until(found.iterator().next());
        }
        return new Unreadable(found.isEmpty() ? "no date, time and time zone" : "more than one release time");
    }

    private static Optional<Instant> isoInstant(Matcher iso) {
        try {
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
                    Integer.parseInt(iso.group(3)), Integer.parseInt(iso.group(4)), Integer.parseInt(iso.group(5)),
                    iso.group(6) == null ? 0 : Integer.parseInt(iso.group(6)));
            String zone = iso.group(7).toUpperCase(Locale.ROOT);
            ZoneId id = ZONES.containsKey(zone) ? ZONES.get(zone) : ZoneOffset.of(zone.length() == 5
                    ? zone.substring(0, 3) + ":" + zone.substring(3) : zone);
            return Optional.of(local.atZone(id).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Adds every written date of {@code text} to {@code dates}, and the text without them to {@code rest}; false when one does not exist. */
    private static boolean collectDates(String text, Set<LocalDate> dates, StringBuilder rest) {
        String remaining = text;
        for (Pattern form : new Pattern[] {DAY_MONTH_YEAR, MONTH_DAY_YEAR}) {
            Matcher m = form.matcher(remaining);
            StringBuilder kept = new StringBuilder();
            while (m.find()) {
                boolean dayFirst = form == DAY_MONTH_YEAR;
                String day = dayFirst ? m.group(1) : m.group(2);
                String month = dayFirst ? m.group(2) : m.group(1);
                try {
                    dates.add(LocalDate.of(Integer.parseInt(m.group(3)), month(month), Integer.parseInt(day)));
                } catch (DateTimeException e) {
                    return false;
                }
                m.appendReplacement(kept, " ; ");
            }
            m.appendTail(kept);
            remaining = kept.toString();
        }
        rest.append(remaining);
        return true;
    }

    /** Adds the release time of each time of day in {@code text} on the one date of {@code dates}; a problem when it cannot. */
    private static Optional<String> collectTimes(String text, Set<LocalDate> dates, Set<Instant> found) {
        Matcher m = TIME.matcher(text);
        int times = 0;
        while (m.find()) {
            String zone = m.group(4).toUpperCase(Locale.ROOT);
            boolean meridiem = m.group(3) != null;
            if (!ZONES.containsKey(zone)) {
                if (meridiem || m.group(2) != null) {
                    return Optional.of("a time without a time zone this archive knows for certain");
                }
                continue; // a number followed by a word, not a time
            }
            times++;
            int hour = Integer.parseInt(m.group(1));
            int minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            if (meridiem) {
                if (hour < 1 || hour > 12) {
                    return Optional.of("a time of day that does not exist");
                }
                hour = hour % 12 + (Character.toLowerCase(m.group(3).charAt(0)) == 'p' ? 12 : 0);
            } else if (m.group(2) == null && m.group(1).length() < 3) {
                return Optional.of("an hour without minutes or a.m./p.m.");
            }
            if (hour > 23 || minute > 59) {
                return Optional.of("a time of day that does not exist");
            }
            if (dates.size() != 1) {
                return Optional.of("more than one date");
            }
            LocalDate date = dates.iterator().next();
            found.add(LocalDateTime.of(date, LocalTime.of(hour, minute)).atZone(ZONES.get(zone)).toInstant());
        }
        if (times == 0) {
            return Optional.of("a date without a time of day and time zone");
        }
        return Optional.empty();
    }

    private static int month(String name) {
        String key = name.toLowerCase(Locale.ROOT).substring(0, 3);
        return switch (key) {
            case "jan" -> 1;
            case "feb" -> 2;
            case "mar" -> 3;
            case "apr" -> 4;
            case "may" -> 5;
            case "jun" -> 6;
            case "jul" -> 7;
            case "aug" -> 8;
            case "sep" -> 9;
            case "oct" -> 10;
            case "nov" -> 11;
            case "dec" -> 12;
            default -> throw new DateTimeException("no month " + name);
        };
    }
}
