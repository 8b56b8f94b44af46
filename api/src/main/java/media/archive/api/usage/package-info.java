/**
 * Where each picture is used: the serving routes count every public response per (image, site)
 * in a {@link media.archive.api.usage.UsageCounter}, a flusher publishes the counts as
 * cumulative {@link media.archive.contracts.ImageUsage} totals on
 * {@link media.archive.contracts.Topics#USAGES}, and the {@link media.archive.api.usage.UsageView}
 * rebuilt from that topic answers editors. Knows no other part of the api, so that serving,
 * embedding and galleries can all count through it.
 */
package media.archive.api.usage;
