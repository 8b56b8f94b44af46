package media.archive.standalone;

import static media.archive.standalone.TestArchives.fixture;
import static media.archive.standalone.TestArchives.start;
import static media.archive.standalone.TestArchives.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed gallery made in the archive as a newsroom would: its five photographs uploaded with
 * their Bengali captions and their photographer, a gallery of them made through the API, then
 * embedded, paged and oEmbedded as a website sees it (figure by figure, each caption followed by
 * "(ছবি: ট্রান ট্রুং)", as the published article shows them); reordered, refused on a stale version,
 * deleted, and all of it back after a restart that rebuilt the index.
 */
class GalleryIT {
    private static final String PHOTOGRAPHER = "ট্রান ট্রুং";
    private static final String CREDIT = "(ছবি: ট্রান ট্রুং)";
    private static final Pattern FIGURE = Pattern.compile("<figure[^>]*>(.*?)</figure>");
    private static final Pattern IMG = Pattern.compile("<img ([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-z-]+)=\"([^\"]*)\"");
    private static final Pattern FIGCAPTION = Pattern.compile("<figcaption>(.*?)</figcaption>");

    @Test
    void the_seed_gallery_is_embedded_as_the_article_shows_it_and_survives_a_rebuild(@TempDir Path data) throws Exception {
        List<String> captions = captions();
        List<String> ids = new ArrayList<>();
        String galleryId;
        String hostileId;
        String key;
        try (StandaloneArchive archive = start(data)) {
            ArchiveClient client = new ArchiveClient(archive.port());
            key = archive.generatedAdminKey().orElseThrow();
            String base = client.base();

            // given: the five photographs with their captions and photographer, and one more picture
            for (int i = 0; i < 5; i++) {
                ArchiveClient.Answer upload = client.upload(key, "gallery-" + (i + 1) + ".jpg",
                        fixture("gallery/gallery-" + (i + 1) + ".jpg"), Map.of("caption", captions.get(i), "creator", PHOTOGRAPHER));
                assertThat(upload.status()).as(text(upload)).isEqualTo(202);
                ids.add(upload.json().get("id").asText());
            }
            String extra = client.upload(key, "lincoln.jpg", fixture("photos/agency-photographer-example.jpg"), Map.of())
                    .json().get("id").asText();
            for (String id : append(ids, extra)) {
                JsonNode record = waitFor(() -> client.get("/v1/images/" + id, key).json(), r -> "ready".equals(r.path("status").asText()));
                assertThat(record.path("status").asText()).as(record.toString()).isEqualTo("ready");
            }

            // when: an editor makes the gallery of the five, in the article's order
            ArchiveClient.Answer made = client.postJson("/v1/galleries", key, gallery("হ্যানয় কনভেনশন", "bn", ids, Map.of()));

            // then: 201 with the gallery, version 1, its items in order, where it lives
            assertThat(made.status()).as(text(made)).isEqualTo(201);
            JsonNode gallery = made.json();
            galleryId = gallery.path("id").asText();
            assertThat(made.header("Location")).isEqualTo(base + "/v1/galleries/" + galleryId);
            assertThat(made.header("ETag")).isEqualTo("\"1\"");
            assertThat(gallery.path("version").asInt()).isEqualTo(1);
            assertThat(gallery.path("language").asText()).isEqualTo("bn");
            assertThat(imagesOf(gallery)).containsExactlyElementsOf(ids);
            assertThat(gallery.path("createdBy").asText()).isNotBlank();
            assertThat(gallery.path("createdAt").asText()).isEqualTo(gallery.path("updatedAt").asText());

            // and: at once (no waiting), the embed is the seed article's gallery, figure by figure
            ArchiveClient.Answer embedAnswer = client.get("/v1/galleries/" + galleryId + "/embed", null);
            assertThat(embedAnswer.status()).as(text(embedAnswer)).isEqualTo(200);
            assertThat(embedAnswer.header("Content-Type")).startsWith("text/html");
            assertThat(embedAnswer.header("Access-Control-Allow-Origin")).isEqualTo("*");
            String embed = text(embedAnswer);
            assertThat(embed).startsWith("<section class=\"archive-gallery\" lang=\"bn\"").endsWith("</section>");
            assertSeedFigures(client, key, embed, ids, captions);

            // and: the page has the gallery's language, every picture, the first one as the card, and oEmbed discovery
            ArchiveClient.Answer pageAnswer = client.get("/g/" + galleryId, null);
            assertThat(pageAnswer.status()).isEqualTo(200);
            String page = text(pageAnswer);
            assertThat(page).contains("<html lang=\"bn\">").contains("<h1>হ্যানয় কনভেনশন</h1>").contains(embed)
                    .contains("<meta name=\"twitter:card\" content=\"summary_large_image\">")
                    .contains("<meta property=\"og:title\" content=\"হ্যানয় কনভেনশন\">")
                    .contains("<link rel=\"canonical\" href=\"" + base + "/g/" + galleryId + "\">");
            String firstSrc = attributes(figures(embed).get(0)).get("src");
            assertThat(page).contains("<meta property=\"og:image\" content=\"" + firstSrc + "\">")
                    .contains("<meta name=\"twitter:image\" content=\"" + firstSrc + "\">");
            Matcher discovery = Pattern.compile("<link rel=\"alternate\" type=\"application/json\\+oembed\" href=\"([^\"]+)\"").matcher(page);
            assertThat(discovery.find()).isTrue();

            // and: oEmbed, found from the page, is a rich answer with the same HTML
            ArchiveClient.Answer oembed = client.getUrl(unescape(discovery.group(1)));
            assertThat(oembed.status()).as(text(oembed)).isEqualTo(200);
            assertThat(oembed.json().path("type").asText()).isEqualTo("rich");
            assertThat(oembed.json().path("version").asText()).isEqualTo("1.0");
            assertThat(oembed.json().path("html").asText()).isEqualTo(embed);
            assertThat(oembed.json().path("title").asText()).isEqualTo("হ্যানয় কনভেনশন");
            assertThat(oembed.json().path("width").asInt()).isPositive();
            assertThat(oembed.json().path("height").asInt()).isPositive();
            assertThat(oembed.json().path("thumbnail_url").asText()).startsWith(base + "/v1/images/" + ids.get(0) + "/renditions/");

            // when: an editor reverses the order at the version read
            List<String> reversed = new ArrayList<>(ids);
            java.util.Collections.reverse(reversed);
            Map<String, Object> reorder = gallery("হ্যানয় কনভেনশন", "bn", reversed, Map.of());
            reorder.put("version", 1);
            ArchiveClient.Answer saved = client.sendJson("PUT", "/v1/galleries/" + galleryId, key, reorder, Map.of());

            // then: version 2, and the embed follows the new order
            assertThat(saved.status()).as(text(saved)).isEqualTo(200);
            assertThat(saved.json().path("version").asInt()).isEqualTo(2);
            assertThat(imagesOf(saved.json())).containsExactlyElementsOf(reversed);
            assertThat(figures(text(client.get("/v1/galleries/" + galleryId + "/embed", null))))
                    .extracting(figure -> attributes(figure).get("src")).allSatisfy(src -> assertThat(src).contains("/v1/images/"))
                    .extracting(src -> src.replaceAll(".*/v1/images/([0-9a-f]{64})/.*", "$1"))
                    .containsExactlyElementsOf(reversed);

            // and: a save made on the stale version 1, in the body or as If-Match, is a 409 with the gallery as it is
            ArchiveClient.Answer stale = client.sendJson("PUT", "/v1/galleries/" + galleryId, key, reorder, Map.of());
            assertThat(stale.status()).as(text(stale)).isEqualTo(409);
            assertThat(stale.json().path("current").path("version").asInt()).isEqualTo(2);
            assertThat(imagesOf(stale.json().path("current"))).containsExactlyElementsOf(reversed);
            Map<String, Object> withoutVersion = gallery("হ্যানয় কনভেনশন", "bn", ids, Map.of());
            assertThat(client.sendJson("PUT", "/v1/galleries/" + galleryId, key, withoutVersion, Map.of("If-Match", "\"1\"")).status())
                    .isEqualTo(409);
            assertThat(client.sendJson("PUT", "/v1/galleries/" + galleryId, key, withoutVersion, Map.of()).status()).isEqualTo(428);

            // and: every check names what is wrong
            List<String> unknown = List.of(ids.get(0), "0".repeat(64));
            ArchiveClient.Answer unknownImage = client.postJson("/v1/galleries", key, gallery("t", "bn", unknown, Map.of()));
            assertThat(unknownImage.status()).isEqualTo(400);
            assertThat(unknownImage.json().path("field").asText()).isEqualTo("items[1].image");
            ArchiveClient.Answer badLanguage = client.postJson("/v1/galleries", key, gallery("t", "bengali_bd", ids, Map.of()));
            assertThat(badLanguage.status()).isEqualTo(400);
            assertThat(badLanguage.json().path("field").asText()).isEqualTo("language");
            assertThat(client.get("/v1/galleries", null).status()).isEqualTo(401);
            assertThat(client.get("/g/" + "z".repeat(20), null).status()).isEqualTo(404);

            // when: a gallery whose title and caption are markup, with a picture that is then removed
            Map<String, Object> hostile = gallery("<script>alert(1)</script>", "vi", List.of(ids.get(0), extra),
                    Map.of(ids.get(0), "<img src=x onerror=alert(2)>"));
            hostile.put("intro", "\"><b>intro</b>");
            ArchiveClient.Answer hostileMade = client.postJson("/v1/galleries", key, hostile);
            assertThat(hostileMade.status()).as(text(hostileMade)).isEqualTo(201);
            hostileId = hostileMade.json().path("id").asText();
            assertThat(figures(text(client.get("/v1/galleries/" + hostileId + "/embed", null)))).hasSize(2);
            assertThat(client.request("DELETE", "/v1/images/" + extra, Map.of("Authorization", "Bearer " + key)).status())
                    .isEqualTo(202);

            // then: the markup is text on the page, in the embed and in oEmbed, the credit is Vietnamese,
            // and the removed picture is left out
            String hostileEmbed = text(client.get("/v1/galleries/" + hostileId + "/embed", null));
            String hostilePage = text(client.get("/g/" + hostileId, null));
            JsonNode hostileOembed = client.get("/oembed?url=" + ArchiveClient.query(base + "/g/" + hostileId), null).json();
            for (String html : List.of(hostileEmbed, hostilePage, hostileOembed.path("html").asText())) {
                assertThat(html).doesNotContain("<script>").doesNotContain("<img src=x").doesNotContain("<b>");
            }
            assertThat(hostilePage).contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;").contains("<html lang=\"vi\">")
                    .contains("&quot;&gt;&lt;b&gt;intro&lt;/b&gt;");
            assertThat(hostileEmbed).contains("aria-label=\"&lt;script&gt;alert(1)&lt;/script&gt;\"");
            List<String> hostileFigures = figures(hostileEmbed);
            assertThat(hostileFigures).hasSize(1);
            assertThat(captionText(hostileFigures.get(0))).isEqualTo("<img src=x onerror=alert(2)> (Ảnh: " + PHOTOGRAPHER + ")");
            assertThat(hostileOembed.path("title").asText()).isEqualTo("<script>alert(1)</script>");

            // and: the list shows the newest first
            JsonNode list = client.get("/v1/galleries", key).json();
            assertThat(list.path("galleries")).extracting(g -> g.path("id").asText()).containsExactly(hostileId, galleryId);

            // when: the hostile gallery is deleted
            assertThat(client.request("DELETE", "/v1/galleries/" + hostileId, Map.of("Authorization", "Bearer " + key)).status())
                    .isEqualTo(204);

            // then: every public URL of it is gone, and so is its editorial one
            assertGone(client, key, base, hostileId);
            assertThat(client.get("/v1/galleries", key).json().path("galleries")).extracting(g -> g.path("id").asText())
                    .containsExactly(galleryId);
        }

        // when: the archive restarts with its index deleted
        deleteTree(data.resolve("index"));
        try (StandaloneArchive archive = start(data)) {
            ArchiveClient client = new ArchiveClient(archive.port());
            List<String> reversed = new ArrayList<>(ids);
            java.util.Collections.reverse(reversed);

            // then: the gallery is back at its last version, the deleted one still gone, the embed whole
            JsonNode gallery = client.get("/v1/galleries/" + galleryId, key).json();
            assertThat(gallery.path("version").asInt()).as(gallery.toString()).isEqualTo(2);
            assertThat(imagesOf(gallery)).containsExactlyElementsOf(reversed);
            assertGone(client, key, client.base(), hostileId);
            for (String id : ids) {
                waitFor(() -> client.get("/v1/images/" + id, key).json(), r -> "ready".equals(r.path("status").asText()));
            }
            List<String> reversedCaptions = new ArrayList<>(captions);
            java.util.Collections.reverse(reversedCaptions);
            assertSeedFigures(client, key, text(client.get("/v1/galleries/" + galleryId + "/embed", null)), reversed, reversedCaptions);
        }
    }

    /** Each figure in order: the picture's responsive img, then its caption followed by the Bengali credit. */
    private static void assertSeedFigures(ArchiveClient client, String key, String embed, List<String> ids, List<String> captions) {
        List<String> figures = figures(embed);
        assertThat(figures).hasSize(ids.size());
        for (int i = 0; i < figures.size(); i++) {
            String figure = figures.get(i);
            Map<String, String> img = attributes(figure);
            JsonNode record = client.get("/v1/images/" + ids.get(i), key).json();
            JsonNode largest = null;
            for (JsonNode rendition : record.path("renditions")) {
                if (largest == null || rendition.path("width").asInt() > largest.path("width").asInt()) {
                    largest = rendition;
                }
            }
            assertThat(img.get("src")).as("figure " + i).startsWith(client.base() + "/v1/images/" + ids.get(i) + "/renditions/");
            assertThat(img.get("srcset")).as("figure " + i).contains(" " + largest.path("width").asInt() + "w")
                    .matches("(\\S+ \\d+w)(, \\S+ \\d+w)*");
            assertThat(img.get("sizes")).isEqualTo("(max-width: " + largest.path("width").asInt() + "px) 100vw, "
                    + largest.path("width").asInt() + "px");
            assertThat(img.get("width")).isEqualTo(largest.path("width").asText());
            assertThat(img.get("height")).isEqualTo(largest.path("height").asText());
            assertThat(img.get("alt")).isNotBlank();
            assertThat(img.get("loading")).isEqualTo("lazy");
            assertThat(captionText(figure)).as("figure " + i).isEqualTo(captions.get(i) + " " + CREDIT);
            assertThat(figure).contains("<span class=\"archive-credit\">" + CREDIT + "</span>");
        }
        assertThat(client.getUrl(attributes(figures.get(0)).get("src")).status()).isEqualTo(200);
    }

    private static void assertGone(ArchiveClient client, String key, String base, String id) {
        assertThat(client.get("/g/" + id, null).status()).isEqualTo(410);
        assertThat(client.get("/v1/galleries/" + id + "/embed", null).status()).isEqualTo(410);
        assertThat(client.get("/oembed?url=" + ArchiveClient.query(base + "/g/" + id), null).status()).isEqualTo(410);
        assertThat(client.get("/v1/galleries/" + id, key).status()).isEqualTo(410);
    }

    private static Map<String, Object> gallery(String title, String language, List<String> images, Map<String, String> captions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("language", language);
        body.put("items", images.stream().map(id -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("image", id);
            if (captions.containsKey(id)) {
                item.put("caption", captions.get(id));
            }
            return item;
        }).toList());
        return body;
    }

    private static List<String> imagesOf(JsonNode gallery) {
        List<String> images = new ArrayList<>();
        gallery.path("items").forEach(item -> images.add(item.path("image").asText()));
        return images;
    }

    private static List<String> figures(String html) {
        List<String> figures = new ArrayList<>();
        Matcher matcher = FIGURE.matcher(html);
        while (matcher.find()) {
            figures.add(matcher.group(0));
        }
        return figures;
    }

    /** The img's attributes, unescaped. */
    private static Map<String, String> attributes(String figure) {
        Matcher img = IMG.matcher(figure);
        assertThat(img.find()).as(figure).isTrue();
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher attribute = ATTRIBUTE.matcher(img.group(1));
        while (attribute.find()) {
            attributes.put(attribute.group(1), unescape(attribute.group(2)));
        }
        if (img.group(1).contains(" loading=\"lazy\"")) {
            attributes.put("loading", "lazy");
        }
        return attributes;
    }

    /** The figcaption's text as a reader sees it. */
    private static String captionText(String figure) {
        Matcher caption = FIGCAPTION.matcher(figure);
        assertThat(caption.find()).as(figure).isTrue();
        return unescape(caption.group(1).replaceAll("<[^>]+>", ""));
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    private static String text(ArchiveClient.Answer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    private static List<String> append(List<String> list, String more) {
        List<String> all = new ArrayList<>(list);
        all.add(more);
        return all;
    }

    private static List<String> captions() throws IOException {
        return new String(fixture("gallery/gallery-captions-bn.txt"), StandardCharsets.UTF_8)
                .lines().filter(line -> !line.isBlank()).toList();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            throw new AssertionError("no index at " + root);
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
