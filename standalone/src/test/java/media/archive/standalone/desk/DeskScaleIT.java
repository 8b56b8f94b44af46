package media.archive.standalone.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The desk with many pictures: 2,100 distinct JPEGs uploaded over HTTP. Timed from navigation
 * start, the first screen of results shows its thumbnails within a second; scrolled down to the
 * 2,000th result, the page still holds at most 300 image elements (the grid is virtualised).
 * The figures are printed to the test log.
 */
class DeskScaleIT {
    private static final int PICTURES = 2_100;
    private static final int MAX_IMAGES_IN_DOM = 300;
    private static final double FIRST_SCREEN_MS = 1_000;

    @TempDir
    static Path data;
    private static DeskArchive archive;
    private static String editorKey;

    @BeforeAll
    static void archiveWithManyPictures() throws Exception {
        // 2,100 uploads from one key as fast as the machine takes them: more than a key's default
        // allowance per minute, which this test is not about.
        archive = new DeskArchive(data, Map.of("ARCHIVE_UPLOADS_PER_MINUTE", "0"));
        editorKey = archive.issueKey("Desk", "editor");
        long started = System.nanoTime();
        ExecutorService uploads = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < PICTURES; i++) {
                int seed = i;
                ids.add(uploads.submit(() -> archive.upload(archive.adminKey, "generated-" + seed + ".jpg",
                        DeskArchive.generatedJpeg(seed, 320, 200 + seed % 7 * 20), Map.of("creator", "Photographer " + seed % 40))));
            }
            for (Future<String> id : ids) {
                id.get();
            }
        } finally {
            uploads.shutdown();
        }
        DeskArchive.await(PICTURES + " pictures are ready", () ->
                archive.get("/v1/search?limit=1&q=" + DeskArchive.query("is:ready"), editorKey).path("total").asLong() >= PICTURES);
        System.out.printf("DeskScaleIT: %d pictures uploaded and processed in %.1f s%n", PICTURES, (System.nanoTime() - started) / 1e9);
    }

    @AfterAll
    static void stop() {
        if (archive != null) {
            archive.close();
        }
    }

    @Test
    void the_first_screen_shows_its_thumbnails_within_a_second_and_scrolling_to_result_2000_keeps_the_dom_small() throws Exception {
        try (Browser browser = new Browser(archive.origin(), 1400, 900)) {
            DeskPage desk = new DeskPage(browser.driver, archive.origin());
            // A first visit signs in and warms the server; the measured one starts with an empty browser cache.
            desk.open("/").signIn(editorKey).waitForResultCount(PICTURES).waitForThumbnails();
            browser.driver.executeCdpCommand("Network.clearBrowserCache", Map.of());

            browser.driver.navigate().refresh();
            WebDriverWait wait = new WebDriverWait(browser.driver, Duration.ofSeconds(30));
            wait.until(d -> desk.js("return performance.getEntriesByName('desk:first-screen').length") instanceof Number n && n.intValue() > 0);
            double firstScreen = ((Number) desk.js("return performance.getEntriesByName('desk:first-screen')[0].startTime")).doubleValue();
            long shown = ((Number) desk.js("return performance.getEntriesByName('desk:first-screen')[0].detail.images")).longValue();
            long loadedFromNetwork = ((Number) desk.js(
                    "return performance.getEntriesByType('resource').filter(e => e.name.includes('/renditions/thumb') && e.transferSize > 0).length")).longValue();
            System.out.printf("DeskScaleIT: first screen of %d thumbnails (%d from the network) shown %.0f ms after navigation start%n",
                    shown, loadedFromNetwork, firstScreen);
            browser.screenshot("many-pictures-first-screen");
            assertThat(shown).as("thumbnails on the first screen").isGreaterThanOrEqualTo(10);
            assertThat(firstScreen).as("ms from navigation start until the first screen's thumbnails showed").isLessThan(FIRST_SCREEN_MS);

            int most = 0;
            long scrollStarted = System.nanoTime();
            for (int step = 0; ; step++) {
                long reached = ((Number) desk.js("return Math.max(0, ...[...document.querySelectorAll('#grid .cell')].map(c => +c.getAttribute('aria-posinset')))")).longValue();
                int images = ((Number) desk.js("return document.querySelectorAll('img').length")).intValue();
                most = Math.max(most, images);
                if (reached >= 2_000) {
                    break;
                }
                assertThat(step).as("scroll steps before result 2,000 showed").isLessThan(400);
                // One screen further down; then wait until the grid drew that far (more results may be on their way).
                long target = reached;
                desk.js("const s = document.querySelector('.grid-scroller'); s.scrollTop += s.clientHeight * 3;");
                wait.until(d -> ((Number) desk.js("return Math.max(0, ...[...document.querySelectorAll('#grid .cell')].map(c => +c.getAttribute('aria-posinset')))")).longValue() > target);
            }
            int atTheEnd = ((Number) desk.js("return document.querySelectorAll('img').length")).intValue();
            System.out.printf("DeskScaleIT: scrolled to result 2,000 in %.1f s; %d img elements in the DOM there, at most %d on the way%n",
                    (System.nanoTime() - scrollStarted) / 1e9, atTheEnd, most);
            browser.screenshot("many-pictures-result-2000");
            assertThat(atTheEnd).isLessThanOrEqualTo(MAX_IMAGES_IN_DOM);
            assertThat(most).isLessThanOrEqualTo(MAX_IMAGES_IN_DOM);
        }
    }
}
