package media.archive.platform.access;

import java.util.Objects;

/** Who is calling: the name given to their key and its role. */
public record Principal(String name, Role role) {
    public Principal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }
}
