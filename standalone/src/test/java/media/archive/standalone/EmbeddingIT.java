package media.archive.standalone;

import static media.archive.standalone.TestArchives.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import media.archive.platform.config.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Websites embedding the archive's pictures, against the whole archive: a real photograph
 * uploaded over HTTP, processed, then served, embedded in a page of another origin that a real
 * Chromium loads, and found by an oEmbed consumer through the image's public page.
 */
class EmbeddingIT {
    private static final String CAPTION = "A skateboarder in Helsinki <jumps> & \"lands\"";
    private static final String CREDIT = "Photo: Marina Ekroos";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path data;
    private static StandaloneArchive archive;
    private static ArchiveClient client;
    private static String adminKey;
    private static String editorKey;
    private static String id;

    @BeforeAll
    static void uploadAPhotograph() throws Exception {
        Settings settings = Settings.of(Map.of(
                "ARCHIVE_DATA_DIR", data.toString(),
                "ARCHIVE_HTTP_PORT", "0",
                "ARCHIVE_HTTP_HOST", "127.0.0.1"));
        archive = new StandaloneArchive(StandaloneConfig.from(settings), settings).start();
        await(archive::isReady);
        client = new ArchiveClient(archive.port());
        adminKey = archive.generatedAdminKey().orElseThrow();
        editorKey = client.postJson("/v1/keys", adminKey, Map.of("name", "Desk", "role", "editor")).json().get("key").asText();
        id = upload("photos/skater.jpg", CAPTION);
    }

    @AfterAll
    static void stop() {
        if (archive != null) {
            archive.close();
        }
    }

    @Test
    void a_rendition_is_served_to_every_origin_cacheable_for_a_year_and_revalidated_with_304() {
        String path = servedPath("medium");
        ArchiveClient.Answer first = client.get(path, null);
        ArchiveClient.Answer second = client.get(path, null);
        ArchiveClient.Answer third = client.get(path, null);

        for (ArchiveClient.Answer answer : List.of(first, second, third)) {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("Content-Type")).isEqualTo("image/jpeg");
            assertThat(answer.header("Content-Length")).isEqualTo(Integer.toString(answer.body().length));
            assertThat(answer.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
            assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo("*");
            assertThat(answer.header("Timing-Allow-Origin")).isEqualTo("*");
            assertThat(answer.header("ETag")).matches("\"[^\"]+\"");
        }
        // The first answer was read from S3, the later ones came from memory: the same bytes and tag.
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(third.body()).isEqualTo(first.body());
        assertThat(third.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(decode(first.body()).getWidth()).isEqualTo(1024);

        ArchiveClient.Answer head = client.request("HEAD", path, Map.of());
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(first.body().length));
        assertThat(head.header("ETag")).isEqualTo(first.header("ETag"));

        ArchiveClient.Answer revalidated = client.request("GET", path, Map.of("If-None-Match", first.header("ETag")));
        assertThat(revalidated.status()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(revalidated.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(revalidated.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
    }

    @Test
    void browsers_that_accept_webp_get_webp_and_shared_caches_are_told_to_vary() {
        String path = "/v1/images/" + id + "/renditions/medium";
        Map<String, String> chrome = Map.of("Accept", "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8");
        ArchiveClient.Answer jpeg = client.get(path, null);
        ArchiveClient.Answer webp = client.request("GET", path, chrome);
        ArchiveClient.Answer again = client.request("GET", path, chrome);

        assertThat(webp.status()).isEqualTo(200);
        assertThat(webp.header("Content-Type")).isEqualTo("image/webp");
        assertThat(new String(webp.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(new String(webp.body(), 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WEBP");
        assertThat(webp.body().length).isLessThan(jpeg.body().length);
        assertThat(again.body()).isEqualTo(webp.body());
        assertThat(webp.header("Vary")).isEqualTo("Accept");
        assertThat(jpeg.header("Vary")).isEqualTo("Accept");
        assertThat(webp.header("ETag")).isNotEqualTo(jpeg.header("ETag"));
        assertThat(client.request("GET", path + "?w=320", chrome).header("Content-Type")).isEqualTo("image/webp");

        Map<String, String> revalidate = new java.util.HashMap<>(chrome);
        revalidate.put("If-None-Match", webp.header("ETag"));
        assertThat(client.request("GET", path, revalidate).status()).isEqualTo(304);
        // A JPEG's tag does not revalidate the WebP: the browser gets the bytes it can show.
        revalidate.put("If-None-Match", jpeg.header("ETag"));
        assertThat(client.request("GET", path, revalidate).status()).isEqualTo(200);
    }

    @Test
    void widths_of_the_allow_list_are_made_from_a_larger_picture_and_others_are_refused() {
        String path = "/v1/images/" + id + "/renditions/medium";
        ArchiveClient.Answer w640 = client.get(path + "?w=640", null);
        assertThat(w640.status()).isEqualTo(200);
        BufferedImage image = decode(w640.body());
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(427);
        assertThat(w640.header("ETag")).isNotEqualTo(client.get(path, null).header("ETag"));
        assertThat(client.get(path + "?w=640", null).body()).isEqualTo(w640.body());

        // Wider than every rendition: made from the original (1500 px), never enlarged.
        assertThat(decode(client.get(path + "?w=1280", null).body()).getWidth()).isEqualTo(1280);
        assertThat(decode(client.get(path + "?w=1600", null).body()).getWidth()).isEqualTo(1500);

        for (String bad : List.of("641", "0", "-320", "abc", "1e3", "99999999999")) {
            assertThat(client.get(path + "?w=" + bad, null).status()).as("w=" + bad).isEqualTo(400);
        }
    }

    @Test
    void unknown_images_and_names_are_404_and_things_that_are_no_ids_are_400() {
        assertThat(client.get("/v1/images/" + "0".repeat(64) + "/renditions/medium", null).status()).isEqualTo(404);
        assertThat(client.get("/v1/images/" + id + "/renditions/huge", null).status()).isEqualTo(404);
        assertThat(client.get("/v1/images/" + "0".repeat(64) + "/embed", null).status()).isEqualTo(404);
        assertThat(client.get("/i/" + "0".repeat(64), null).status()).isEqualTo(404);
        assertThat(client.get("/v1/images/" + id.toUpperCase() + "/renditions/medium", null).status()).isEqualTo(400);
        assertThat(client.get("/v1/images/..%2F..%2Foriginals%2F" + id + "/renditions/medium", null).status()).isEqualTo(400);
        assertThat(client.get("/v1/images/" + id + "/renditions/..%2Fthumb", null).status()).isEqualTo(400);
        assertThat(client.get("/v1/images/" + "a".repeat(10_000) + "/renditions/medium", null).status()).isEqualTo(400);
        assertThat(client.get("/i/%3Cscript%3E", null).status()).isEqualTo(400);
    }

    @Test
    void originals_are_for_editors_only() throws IOException {
        assertThat(client.get("/v1/images/" + id + "/original", null).status()).isEqualTo(401);
        ArchiveClient.Answer original = client.get("/v1/images/" + id + "/original", editorKey);
        assertThat(original.status()).isEqualTo(200);
        assertThat(original.body()).isEqualTo(fixture("photos/skater.jpg"));
        assertThat(original.header("Cache-Control")).contains("no-store");
    }

    @Test
    void the_embed_snippet_carries_sizes_caption_and_credit_all_escaped() {
        ArchiveClient.Answer html = client.get("/v1/images/" + id + "/embed", null);
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.header("Content-Type")).startsWith("text/html");
        String snippet = new String(html.body(), StandardCharsets.UTF_8);
        assertThat(snippet).startsWith("<figure").contains("<figcaption>").contains("loading=\"lazy\"").contains("decoding=\"async\"")
                .contains("width=\"1500\" height=\"1000\"").contains(" 320w").contains(" 1024w").contains(" 1280w").contains(" 1500w")
                .contains("A skateboarder in Helsinki &lt;jumps&gt; &amp; &quot;lands&quot;").contains(CREDIT)
                .doesNotContain("<jumps>");

        JsonNode data = client.get("/v1/images/" + id + "/embed?format=json", null).json();
        assertThat(data.path("caption").asText()).isEqualTo(CAPTION);
        assertThat(data.path("credit").asText()).isEqualTo(CREDIT);
        assertThat(data.path("width").asInt()).isEqualTo(1500);
        assertThat(data.path("html").asText()).isEqualTo(snippet);
        assertThat(data.path("srcset").size()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void an_oembed_consumer_finds_the_photo_through_the_public_page() {
        // A consumer knows only the page's URL: it reads the page and follows the discovery link.
        String pageUrl = client.base() + "/i/" + id;
        ArchiveClient.Answer page = client.getUrl(pageUrl);
        assertThat(page.status()).isEqualTo(200);
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertThat(meta(html, "og:image:width")).isEqualTo("1500");
        assertThat(meta(html, "og:image:height")).isEqualTo("1000");
        assertThat(meta(html, "og:title")).isNotBlank();
        assertThat(meta(html, "og:description")).isEqualTo(CAPTION);
        assertThat(meta(html, "og:image")).isEqualTo(client.base() + servedPath("large"));
        assertThat(meta(html, "twitter:card")).isEqualTo("summary_large_image");
        Matcher link = Pattern.compile("<link rel=\"alternate\" type=\"application/json\\+oembed\" href=\"([^\"]+)\"").matcher(html);
        assertThat(link.find()).as("oEmbed discovery link in " + html).isTrue();
        String discovered = link.group(1).replace("&amp;", "&");

        ArchiveClient.Answer answer = client.getUrl(discovered + "&maxwidth=700&maxheight=700");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonNode oembed = answer.json();
        // Every field oEmbed 1.0 requires of a photo (section 2.3.4), with the right types.
        assertThat(oembed.path("version").asText()).isEqualTo("1.0");
        assertThat(oembed.path("type").asText()).isEqualTo("photo");
        assertThat(oembed.path("url").isTextual()).isTrue();
        assertThat(oembed.path("width").isInt()).isTrue();
        assertThat(oembed.path("height").isInt()).isTrue();
        assertThat(oembed.path("width").asInt()).isEqualTo(640).isLessThanOrEqualTo(700);
        assertThat(oembed.path("height").asInt()).isLessThanOrEqualTo(700);
        assertThat(oembed.path("title").asText()).isNotBlank();
        assertThat(oembed.path("author_name").asText()).isEqualTo("Marina Ekroos");
        assertThat(oembed.path("provider_name").asText()).isNotBlank();
        assertThat(oembed.path("provider_url").asText()).startsWith(client.base());
        assertThat(oembed.path("cache_age").isInt()).isTrue();
        // The thumbnail fields come all together or not at all.
        assertThat(oembed.path("thumbnail_url").asText()).startsWith(client.base());
        assertThat(oembed.path("thumbnail_width").asInt()).isLessThanOrEqualTo(700);
        assertThat(oembed.path("thumbnail_height").asInt()).isPositive();

        ArchiveClient.Answer picture = client.getUrl(oembed.path("url").asText());
        assertThat(picture.status()).isEqualTo(200);
        BufferedImage image = decode(picture.body());
        assertThat(image.getWidth()).isEqualTo(oembed.path("width").asInt()).isLessThanOrEqualTo(700);
        assertThat(image.getHeight()).isEqualTo(oembed.path("height").asInt());

        String encoded = ArchiveClient.query(pageUrl);
        assertThat(client.get("/oembed?url=" + encoded + "&format=xml", null).status()).isEqualTo(501);
        assertThat(client.get("/oembed?url=" + ArchiveClient.query("https://evil.example/i/" + id), null).status()).isEqualTo(404);
        assertThat(client.get("/oembed?url=" + ArchiveClient.query(client.base() + "/i/" + "0".repeat(64)), null).status())
                .isEqualTo(404);
        assertThat(client.get("/oembed?url=" + encoded + "&maxwidth=-1", null).status()).isEqualTo(400);
    }

    @Test
    void a_page_of_another_origin_shows_the_embedded_photo_at_the_size_its_window_needs() throws Exception {
        assertThat(CHROMIUM).as("Chromium is needed: apt-get install chromium chromium-driver (see .ci/run)").isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver is needed: apt-get install chromium chromium-driver (see .ci/run)").isExecutable();
        String snippet = new String(client.get("/v1/images/" + id + "/embed", null).body(), StandardCharsets.UTF_8);
        String page = "<!doctype html><html><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<style>body{margin:0;padding:0;font-family:sans-serif}</style></head>"
                + "<body>" + snippet + "<p>An article around the picture.</p></body></html>";
        HttpServer website = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        website.createContext("/", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        website.start();
        try {
            String url = "http://localhost:" + website.getAddress().getPort() + "/article";
            // 500 CSS pixels is the narrowest window headless Chromium opens.
            int narrow = loadedWidth(url, 500, "narrow");
            int wide = loadedWidth(url, 1400, "wide");
            assertThat(narrow).isLessThan(wide);
            // The photo is 1500 px wide (its largest rendition): a wide window gets more than the 1024 px one.
            assertThat(wide).isGreaterThan(1024);
        } finally {
            website.stop(0);
        }
    }

    @Test
    void the_public_page_shows_its_picture_first_under_its_policy_with_its_icon_and_its_json_ld() throws Exception {
        assertThat(CHROMIUM).as("Chromium is needed: apt-get install chromium chromium-driver (see .ci/run)").isExecutable();
        ArchiveClient.Answer page = client.get("/i/" + id, null);
        assertThat(page.header("Content-Security-Policy")).startsWith("default-src 'none'; img-src 'self' " + client.base() + ";")
                .doesNotContain("script-src");
        ArchiveClient.Answer icon = client.get("/favicon.ico", null);
        assertThat(icon.status()).isEqualTo(200);
        assertThat(icon.header("Content-Type")).startsWith("image/");
        assertThat(icon.body()).startsWith(0, 0, 1, 0);

        ChromeDriver driver = chromium(1400);
        try {
            driver.get(client.base() + "/i/" + id);
            JavascriptExecutor js = driver;
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d ->
                    Boolean.TRUE.equals(js.executeScript("const i = document.querySelector('figure img'); return i.complete && i.naturalWidth > 0;")));
            assertThat(js.executeScript("return document.querySelector('figure img').loading;")).isEqualTo("eager");
            // Crawlers read the JSON-LD from the document; the policy, which runs no script, leaves it whole.
            Object creator = js.executeScript("return JSON.parse(document.querySelector('script[type=\"application/ld+json\"]')"
                    + ".textContent).creator[0].name;");
            assertThat(creator).isEqualTo("Marina Ekroos");
            List<String> refused = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::getMessage).filter(message -> message.contains("Content Security Policy")).toList();
            assertThat(refused).as("what the page's policy refused").isEmpty();
        } finally {
            driver.quit();
        }
    }

    @Test
    void a_removed_photo_is_gone_everywhere_at_once() throws Exception {
        String removed = upload("photos/agency-photographer-example.jpg", "To be removed");
        String rendition = "/v1/images/" + removed + "/renditions/thumb";
        for (int i = 0; i < 3; i++) {
            assertThat(client.get(rendition, null).status()).isEqualTo(200);
        }
        assertThat(client.request("DELETE", "/v1/images/" + removed, Map.of("Authorization", "Bearer " + editorKey)).status())
                .isEqualTo(403);

        ArchiveClient.Answer delete = client.request("DELETE", "/v1/images/" + removed, Map.of("Authorization", "Bearer " + adminKey));
        assertThat(delete.status()).isEqualTo(202);

        for (String path : List.of(rendition, rendition + "?w=320", "/v1/images/" + removed + "/embed", "/i/" + removed,
                "/oembed?url=" + ArchiveClient.query(client.base() + "/i/" + removed))) {
            assertThat(client.get(path, null).status()).as(path).isEqualTo(410);
        }
        assertThat(client.request("HEAD", rendition, Map.of()).status()).isEqualTo(410);
        assertThat(client.get("/v1/images/" + removed, editorKey).status()).isEqualTo(410);
        assertThat(client.get("/v1/images/" + removed + "/original", editorKey).status()).isEqualTo(410);
        // The other photo is untouched.
        assertThat(client.get("/v1/images/" + id + "/renditions/thumb", null).status()).isEqualTo(200);
    }

    /** Loads the page in a fresh headless Chromium with a window {@code width} CSS pixels wide; the width of the picture it chose. */
    private static int loadedWidth(String url, int width, String name) throws IOException {
        ChromeDriver driver = chromium(width);
        try {
            driver.get(url);
            JavascriptExecutor js = driver;
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d ->
                    Boolean.TRUE.equals(js.executeScript("const i = document.querySelector('figure img'); return i.complete && i.naturalWidth > 0;")));
            WebElement img = driver.findElement(By.cssSelector("figure img"));
            long natural = ((Number) js.executeScript("return arguments[0].naturalWidth;", img)).longValue();
            String currentSrc = (String) js.executeScript("return arguments[0].currentSrc;", img);
            double shown = ((Number) js.executeScript("return arguments[0].getBoundingClientRect().width * window.devicePixelRatio;", img)).doubleValue();
            assertThat(natural).isPositive();
            assertThat(currentSrc).startsWith(client.base() + "/v1/images/" + id + "/renditions/");
            // The picture chosen has about the pixels the window shows, not the largest one.
            assertThat((double) natural).as(name + ": " + currentSrc + " for " + shown + " px")
                    .isGreaterThanOrEqualTo(shown * 0.75).isLessThanOrEqualTo(Math.max(shown * 2, 320));
            WebElement caption = driver.findElement(By.cssSelector("figcaption .archive-caption"));
            WebElement credit = driver.findElement(By.cssSelector("figcaption .archive-credit"));
            assertThat(caption.isDisplayed()).isTrue();
            assertThat(caption.getText()).isEqualTo(CAPTION);
            assertThat(credit.isDisplayed()).isTrue();
            assertThat(credit.getText()).isEqualTo(CREDIT);
            Path shot = Path.of("target", "embed-" + name + ".png");
            Files.createDirectories(shot.getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
            return (int) natural;
        } finally {
            driver.quit();
        }
    }

    /** A fresh headless Chromium with a window {@code width} CSS pixels wide, keeping the console's messages. */
    private static ChromeDriver chromium(int width) throws IOException {
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--force-device-scale-factor=1",
                "--user-data-dir=" + profile, "--window-size=" + width + ",900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static String upload(String fixture, String caption) throws Exception {
        ArchiveClient.Answer upload = client.upload(adminKey, Path.of(fixture).getFileName().toString(), fixture(fixture),
                Map.of("caption", caption));
        assertThat(upload.status()).as(new String(upload.body(), StandardCharsets.UTF_8)).isIn(200, 202);
        String uploaded = upload.json().get("id").asText();
        await(() -> "ready".equals(client.get("/v1/images/" + uploaded, editorKey).json().path("status").asText()));
        return uploaded;
    }

    /** The path of rendition {@code name} as the embed hands it out: with the rights version, {@code ?v=}. */
    private static String servedPath(String name) {
        JsonNode embed = client.get("/v1/images/" + id + "/embed?format=json", null).json();
        List<String> urls = new java.util.ArrayList<>(List.of(embed.path("src").asText()));
        embed.path("srcset").forEach(source -> urls.add(source.path("url").asText()));
        String url = urls.stream().filter(u -> u.contains("/renditions/" + name + "?v=") && !u.contains("&w=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + embed));
        assertThat(url).startsWith(client.base() + "/v1/images/" + id + "/renditions/" + name + "?v=");
        return url.substring(client.base().length());
    }

    private static String meta(String html, String property) {
        Matcher m = Pattern.compile("<meta (?:property|name)=\"" + Pattern.quote(property) + "\" content=\"([^\"]*)\">").matcher(html);
        assertThat(m.find()).as(property + " in " + html).isTrue();
        return m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    private static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            assertThat(image).as("a decodable image").isNotNull();
            return image;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within 60 s");
            }
            Thread.sleep(100);
        }
    }
}
