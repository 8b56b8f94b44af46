/**
 * Editors' changes to records and admins' removals: {@link media.archive.api.editing.EditLog}
 * publishes them on {@code media.edits} (the api's one way out to Kafka), and
 * {@link media.archive.api.editing.EditRoutes} is their HTTP face ({@code PATCH} and
 * {@code DELETE /v1/images/{id}}).
 */
package media.archive.api.editing;
