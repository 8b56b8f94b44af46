package media.archive.platform.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The settings a program was started with, read from environment variables. Each read names
 * the variable, its default and what it does, and checks the value; every variable read is
 * remembered in {@link #known()} so that tools and tests can list what the code understands.
 * Not thread-safe: read settings while wiring a program, then hand the values on.
 */
public final class Settings {
    private final Map<String, String> values;
    private final Map<String, String> known = new TreeMap<>();

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Settings from this process's environment. */
    public static Settings fromEnvironment() {
        return new Settings(System.getenv());
    }

    /** Settings from explicit values, for tests and launchers that wire several services. */
    public static Settings of(Map<String, String> values) {
        return new Settings(values);
    }

    /** A copy with {@code overrides} taking precedence. */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> merged = new TreeMap<>(values);
        merged.putAll(overrides);
        return new Settings(merged);
    }

    public String text(String name, String defaultValue, String doc) {
        known.put(name, doc);
        String value = values.get(name);
        return value == null || value.isBlank() ? defaultValue : value.strip();
    }

    public Optional<String> optionalText(String name, String doc) {
        return Optional.ofNullable(text(name, null, doc));
    }

    public String required(String name, String doc) {
        String value = text(name, null, doc);
        if (value == null) {
            throw new InvalidSettingException(name, "is required: " + doc);
        }
        return value;
    }

    public int integer(String name, int defaultValue, int min, int max, String doc) {
        return parse(name, defaultValue, doc, Integer::parseInt, v -> v >= min && v <= max,
                "an integer from " + min + " to " + max);
    }

    public long longValue(String name, long defaultValue, long min, long max, String doc) {
        return parse(name, defaultValue, doc, Long::parseLong, v -> v >= min && v <= max,
                "a whole number from " + min + " to " + max);
    }

    public boolean flag(String name, boolean defaultValue, String doc) {
        return parse(name, defaultValue, doc, text -> switch (text.toLowerCase()) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException(text);
        }, v -> true, "true or false");
    }

    public Path path(String name, Path defaultValue, String doc) {
        return parse(name, defaultValue, doc, Path::of, v -> true, "a path");
    }

    public List<String> list(String name, List<String> defaultValue, String doc) {
        String text = text(name, null, doc);
        if (text == null) {
            return defaultValue;
        }
        List<String> items = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return List.copyOf(items);
    }

    /** Every variable read so far, with the line that says what it does. */
    public Map<String, String> known() {
        return Collections.unmodifiableMap(known);
    }

    private <T> T parse(String name, T defaultValue, String doc, Function<String, T> parser,
                        java.util.function.Predicate<T> check, String expected) {
        String text = text(name, null, doc);
        if (text == null) {
            return defaultValue;
        }
        T value;
        try {
            value = parser.apply(text);
        } catch (RuntimeException e) {
            throw new InvalidSettingException(name, "must be " + expected + ", not '" + text + "'");
        }
        if (!check.test(value)) {
            throw new InvalidSettingException(name, "must be " + expected + ", not '" + text + "'");
        }
        return value;
    }

    /** A setting that is missing or malformed; the message names the variable and what it wants. */
    public static final class InvalidSettingException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InvalidSettingException(String name, String problem) {
            super(name + " " + problem);
        }
    }
}
