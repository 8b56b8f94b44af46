/**
 * HTML as the api writes it: one escaper for every text from records that ends up in markup
 * (embed snippets, public pages, search highlights).
 */
package media.archive.api.html;
