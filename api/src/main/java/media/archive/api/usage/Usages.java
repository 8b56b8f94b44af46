package media.archive.api.usage;

import java.util.List;
import java.util.Set;
import media.archive.contracts.ImageId;

/**
 * Where pictures are used, as the editor's record and the search read it ({@link UsageView}
 * answers from the topic). Thread-safe.
 */
public interface Usages {
    /** An archive where nothing is used: for parts built without usage tracking (tests, tools). */
    Usages NONE = new Usages() {
        @Override
        public List<Usage> of(ImageId id) {
            return List.of();
        }

        @Override
        public Set<ImageId> usedOn(String host) {
            return Set.of();
        }
    };

    /** Where picture {@code id} is used: one entry per site, summed over replicas, most recent first. */
    List<Usage> of(ImageId id);

    /**
     * The pictures used on host {@code host} or one of its subdomains ({@link Sites#isOn}), or on
     * any site when {@code host} is null.
     */
    Set<ImageId> usedOn(String host);
}
