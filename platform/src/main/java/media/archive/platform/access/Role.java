package media.archive.platform.access;

/** What a key may do. */
public enum Role {
    /** May upload images. */
    PHOTOGRAPHER,
    /** May search the archive and read records. */
    EDITOR,
    /** May do everything, including issuing keys. */
    ADMIN;

    /** Whether a key of this role may do what {@code required} may. */
    public boolean allows(Role required) {
        return this == ADMIN || this == required;
    }

    /** Parses {@code photographer}, {@code editor} or {@code admin}, ignoring case. */
    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return role;
            }
        }
        throw new IllegalArgumentException("role must be photographer, editor or admin");
    }

    public String label() {
        return name().toLowerCase();
    }
}
