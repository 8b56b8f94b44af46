package media.archive.platform.access;

/** What a key may do; each role may do everything the roles before it may. */
public enum Role {
    /** May upload images and search the images it uploaded. */
    PHOTOGRAPHER,
    /** May also search the whole archive, read and edit records. */
    EDITOR,
    /** May do everything, including issuing keys. */
    ADMIN;

    /** Whether a key of this role may do what {@code required} may: photographer < editor < admin. */
    public boolean allows(Role required) {
        return compareTo(required) >= 0;
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
