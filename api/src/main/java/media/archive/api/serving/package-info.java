/**
 * The api's HTTP routes: image records and search for editors, the pictures for everyone
 * (websites embed them), each stamped with the image's current rights and served with
 * long-lived caching because a picture at an URL never changes: the URL names the rights version. Once an image is removed ({@code api.editing}) every route answers {@code 410 Gone}.
 * {@link media.archive.api.serving.PublishedImages} decides what the public may see.
 */
package media.archive.api.serving;
