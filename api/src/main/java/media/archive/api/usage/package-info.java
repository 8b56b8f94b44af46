/**
 * Where each picture is used: the public routes report every picture they served to a
 * {@link media.archive.api.usage.ServedTo}, which counts it per (image, site) in a
 * {@link media.archive.api.usage.UsageCounter}; a flusher publishes the counts as cumulative
 * {@link media.archive.contracts.ImageUsage} totals on {@link media.archive.contracts.Topics#USAGES},
 * and the {@link media.archive.api.usage.UsageView} rebuilt from that topic answers the record,
 * the search and editors through {@link media.archive.api.usage.Usages}. Knows no other part of
 * the api, so that serving, embedding, galleries and search can all use it;
 * {@link media.archive.api.usage.UsageTracking} holds the parts together and only the api's root
 * builds it.
 */
package media.archive.api.usage;
