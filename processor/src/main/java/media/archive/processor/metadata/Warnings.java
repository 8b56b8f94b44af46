package media.archive.processor.metadata;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Problems found in one image's metadata that did not stop it being read. Bounded, because a
 * hostile file can make a parser report the same fault thousands of times. Not thread-safe.
 */
final class Warnings {
    static final int LIMIT = 25;

    private final Set<String> messages = new LinkedHashSet<>();
    private int dropped;

    void add(String message) {
        if (messages.contains(message)) {
            return;
        }
        if (messages.size() < LIMIT) {
            messages.add(message);
        } else {
            dropped++;
        }
    }

    List<String> toList() {
        List<String> list = new ArrayList<>(messages);
        if (dropped > 0) {
            list.add(dropped + " more metadata problems not listed");
        }
        return list;
    }
}
