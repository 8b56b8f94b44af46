package media.archive.processor.metadata;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the archive cleans what files say before editors see it: which of the picture desk's rules
 * run, and the template of the credit line to publish. The raw values stay in the record beside
 * the cleaned ones. Immutable and thread-safe.
 *
 * <p>The rules, in the order they run: {@code blank-values} ("-", "." mean empty),
 * {@code copyright-prefix} ("©1985 David Riecks" names David Riecks), {@code byline-split}
 * ("Name/Agency", "Name via Agency", "Name - Agency" into creator and credit),
 * {@code placeholder-names} (Handout, HO, Staff, Stringer, STR, Pool, Uncredited, Supplied are no
 * names), {@code agency-names} (AFP, AP, Reuters, Getty Images, EPA, PA Media in one spelling),
 * {@code country-names} (ISO codes as country names), {@code name-case} ("YURIKO NAKAO" as
 * "Yuriko Nakao", "van", "de" kept lower-case).
 *
 * <p>The credit line template names fields in braces: {@code {creator}} (several joined with
 * ", "), {@code {credit}}, {@code {source}}, {@code {copyright}}. Parts that are empty or repeat
 * an earlier part are left out with the text before them, so {@code Photo: {creator} / {credit}}
 * gives "Photo: Tran Trung" for a photographer without a credit.
 */
public final class NewsroomCleaning {
    /** The credit line a newsroom prints under a picture. */
    public static final String DEFAULT_CREDIT_LINE = "Photo: {creator} / {credit}";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(creator|credit|source|copyright)}");

    private final List<CleaningRule> rules;
    private final String creditLineTemplate;

    private NewsroomCleaning(List<CleaningRule> rules, String creditLineTemplate) {
        this.rules = List.copyOf(rules);
        this.creditLineTemplate = creditLineTemplate;
    }

    /** Every rule on, and the default credit line. */
    public static NewsroomCleaning defaults() {
        return new NewsroomCleaning(CleaningRules.ALL, DEFAULT_CREDIT_LINE);
    }

    /**
     * Every rule but those named in {@code disabled}, and {@code creditLineTemplate}.
     *
     * @throws IllegalArgumentException for a rule name that does not exist, or a template that
     *                                  names no field
     */
    public static NewsroomCleaning of(Collection<String> disabled, String creditLineTemplate) {
        Set<String> off = Set.copyOf(disabled.stream().map(n -> n.strip().toLowerCase(Locale.ROOT)).toList());
        for (String name : off) {
            if (!ruleNames().contains(name)) {
                throw new IllegalArgumentException("no cleaning rule named '" + name + "'; the rules are " + ruleNames());
            }
        }
        Objects.requireNonNull(creditLineTemplate, "creditLineTemplate");
        if (!PLACEHOLDER.matcher(creditLineTemplate).find()) {
            throw new IllegalArgumentException("the credit line template names no field: use {creator}, {credit}, {source} or {copyright}");
        }
        return new NewsroomCleaning(CleaningRules.ALL.stream().filter(r -> !off.contains(r.name())).toList(),
                creditLineTemplate);
    }

    /** The name of every rule there is, in the order they run. */
    public static List<String> ruleNames() {
        return CleaningRules.ALL.stream().map(CleaningRule::name).toList();
    }

    /** The names of the rules that run. */
    public List<String> enabledRules() {
        return rules.stream().map(CleaningRule::name).toList();
    }

    public String creditLineTemplate() {
        return creditLineTemplate;
    }

    void apply(FieldValues values) {
        for (CleaningRule rule : rules) {
            rule.apply(values);
        }
    }

    /** The credit line of {@code values} by the template, or null when every part is empty. */
    String creditLine(FieldValues values) {
        Matcher m = PLACEHOLDER.matcher(creditLineTemplate);
        StringBuilder out = new StringBuilder();
        List<String> kept = new ArrayList<>();
        int last = 0;
        String label = null;
        boolean lastKept = false;
        while (m.find()) {
            // The text before the first field is the line's label ("Photo: "); before the others, a separator.
            String before = creditLineTemplate.substring(last, m.start());
            label = label == null ? before : label;
            last = m.end();
            String value = value(values, m.group(1));
            lastKept = value != null && kept.stream().noneMatch(k -> k.equalsIgnoreCase(value));
            if (!lastKept) {
                continue;
            }
            out.append(kept.isEmpty() ? label : before).append(value);
            kept.add(value);
        }
        if (kept.isEmpty()) {
            return null;
        }
        // The text after the last field closes it (a bracket, a full stop): it goes with that field.
        return (lastKept ? out.append(creditLineTemplate.substring(last)) : out).toString().strip();
    }

    private static String value(FieldValues values, String name) {
        return switch (name) {
            case "creator" -> {
                List<String> creators = values.list(Field.CREATOR);
                yield creators.isEmpty() ? null : String.join(", ", creators);
            }
            case "credit" -> values.text(Field.CREDIT);
            case "source" -> values.text(Field.SOURCE);
            case "copyright" -> values.text(Field.COPYRIGHT);
            default -> throw new IllegalStateException("the pattern names only these fields: " + name);
        };
    }

    @Override
    public String toString() {
        return "NewsroomCleaning" + enabledRules() + " '" + creditLineTemplate + "'";
    }
}
