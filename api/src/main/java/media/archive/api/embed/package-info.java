/**
 * Embedding the archive's pictures on websites: paste-ready HTML snippets with caption and
 * credit, <a href="https://oembed.com/">oEmbed</a>, and a public page per image with Open Graph
 * and Twitter card tags.
 */
package media.archive.api.embed;
