/**
 * The api's HTTP routes: image records and search for editors, and renditions for everyone
 * (websites embed them), served with long-lived caching because a rendition never changes.
 */
package media.archive.api.serving;
