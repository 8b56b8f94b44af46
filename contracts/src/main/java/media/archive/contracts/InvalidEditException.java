package media.archive.contracts;

/**
 * An edit that names a field editors may not change, or gives a field a value not of its kind
 * (see {@link ImageEdited#EDITABLE}). {@link #field()} names the field, so a form can point at it.
 */
public final class InvalidEditException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidEditException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field the edit got wrong. */
    public String field() {
        return field;
    }
}
