package media.archive.standalone.desk;

import static media.archive.standalone.desk.DeskArchive.fixture;
import static media.archive.standalone.desk.DeskArchive.fixturePath;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An editor's day at the picture desk, in a real headless Chromium against the whole archive:
 * signing in, uploading through the page, searching by name and by facet, opening a picture,
 * editing its caption, batch-crediting, copying the embed snippet, removing a picture, hostile
 * captions staying text, the back button, making and editing galleries, and embargoes and
 * withholding seen and set from the detail. Each test leaves a screenshot in
 * {@code target/desk-screenshots/}.
 */
class DeskIT {
    private static final String CREATOR = "Trần Trung";
    private static final String HOSTILE = "<img src=x onerror=alert(1)> harbour <b>at night</b>";

    @TempDir
    static Path data;
    private static DeskArchive archive;
    private static String editorKey;
    /** The five gallery photographs, uploaded over HTTP with their Bengali captions. */
    private static final List<String> gallery = new ArrayList<>();

    private Browser browser;
    private DeskPage desk;
    private String testName;

    @BeforeAll
    static void archiveWithTheGallery() throws Exception {
        // One upload per key at a time: the desk sends three at once, so two are answered 429 and
        // must be sent again by the page itself.
        archive = new DeskArchive(data, Map.of("INGEST_MAX_UPLOADS_PER_KEY", "1"));
        editorKey = archive.issueKey("Lan Anh", "editor");
        List<String> captions = new String(fixture("gallery/gallery-captions-bn.txt"), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank()).toList();
        for (int i = 1; i <= 5; i++) {
            gallery.add(archive.upload(archive.adminKey, "gallery-" + i + ".jpg", fixture("gallery/gallery-" + i + ".jpg"),
                    Map.of("caption", captions.get(i - 1), "creator", CREATOR, "credit", "Báo Quốc tế", "keywords", "Hà Nội, Liên Hợp Quốc")));
        }
        for (String id : gallery) {
            archive.awaitProcessed(id, editorKey);
        }
    }

    @AfterAll
    static void stop() {
        if (archive != null) {
            archive.close();
        }
    }

    @BeforeEach
    void openABrowser(TestInfo test) throws IOException {
        testName = test.getTestMethod().orElseThrow().getName();
        browser = new Browser(archive.origin(), 1400, 900);
        desk = new DeskPage(browser.driver, archive.origin());
    }

    @AfterEach
    void screenshotAndClose() throws IOException {
        try {
            browser.screenshot(testName);
        } finally {
            browser.close();
        }
    }

    @Test
    void an_editor_signs_in_with_a_key_and_the_desk_adapts_to_the_role() {
        desk.open("/");
        assertThat(browser.driver.getCurrentUrl()).doesNotContain(editorKey);
        assertThat(desk.signInRefused("ak_not-a-key-the-archive-knows")).contains("does not know this key");

        desk.open("/").signIn(editorKey);
        assertThat(desk.signedInAs()).contains("Lan Anh").contains("editor");
        assertThat(desk.tabs()).containsExactly("Search", "Galleries", "Upload");
        assertThat(browser.driver.getCurrentUrl()).doesNotContain(editorKey);
        // The key lives in this tab's session storage, nowhere the URL or a cookie would carry it.
        assertThat(desk.js("return sessionStorage.getItem('archive.desk.key')")).isEqualTo(editorKey);
        assertThat(desk.js("return document.cookie")).isEqualTo("");

        browser.driver.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector("input[type=password]")).isEmpty());
        assertThat(desk.js("return sessionStorage.getItem('archive.desk.key')")).isNull();
    }

    @Test
    void a_photographer_uploads_three_photographs_through_the_page_and_watches_them_become_ready_sent_again_when_refused_as_too_many() {
        String photographer = archive.issueKey("Marina Ekroos", "photographer");
        desk.open("/").signIn(photographer);
        assertThat(desk.tabs()).containsExactly("My uploads", "Upload");
        desk.openUpload().uploadFields("Marina Ekroos", "Helsingin Sanomat");

        desk.chooseFiles(List.of(fixturePath("photos/skater.jpg"), fixturePath("photos/reuters-wire-photo.jpg"),
                fixturePath("photos/agency-photographer-example.jpg")));

        desk.waitForUploadStates("ready", 3);
        // The same photograph again is not stored twice: the page says so and links to the one there is.
        desk.chooseFiles(List.of(fixturePath("photos/skater.jpg"))).waitForUploadStates("duplicate", 1);
        assertThat(browser.driver.findElement(By.cssSelector(".upload-duplicate a")).getAttribute("href")).contains("image=");
        assertThat(browser.driver.findElement(By.id("overall-progress")).getAttribute("value"))
                .isEqualTo(browser.driver.findElement(By.id("overall-progress")).getAttribute("max"));
        // Her own uploads, and only hers, are what her search desk shows.
        browser.driver.findElement(By.xpath("//nav[@class='tabs']/a[normalize-space()='My uploads']")).click();
        desk.waitForResultCount(3);
    }

    @Test
    void the_search_box_completes_field_names_and_facet_values_and_its_help_lists_every_filter() {
        desk.open("/").signIn(editorKey);
        assertThat(desk.helpFilters()).contains("by:", "credit:", "taken:", "keyword:", "similar:")
                .hasSize(archive.get("/v1/search/help", editorKey).path("filters").size());

        desk.typeInSearch("cre");
        assertThat(desk.completionsShowing("credit:")).containsExactly("credit:");
        desk.typeInSearch(Keys.TAB);
        assertThat(desk.searchBox().getAttribute("value")).isEqualTo("credit:");

        desk.typeInSearch("bá");
        desk.completionsShowing("Báo Quốc tế");
        desk.typeInSearch(Keys.ARROW_DOWN);
        assertThat(desk.activeCompletion()).isEqualTo("Báo Quốc tế");
        desk.typeInSearch(Keys.ENTER);
        assertThat(desk.searchBox().getAttribute("value")).isEqualTo("credit:\"Báo Quốc tế\" ");
        assertThat(desk.completions()).isEmpty();

        desk.typeInSearch(Keys.ENTER);
        desk.waitForResultsOf("credit:\"Báo Quốc tế\"");
        assertThat(desk.resultCount()).isPositive();
    }

    @Test
    void on_a_phone_sized_screen_the_filters_fold_away_behind_a_button() throws IOException {
        try (Browser phone = new Browser(archive.origin(), 500, 900)) {
            DeskPage small = new DeskPage(phone.driver, archive.origin());
            small.open("/").signIn(editorKey).search("by:trung");
            assertThat(phone.driver.findElement(By.id("facets")).isDisplayed()).isFalse();
            phone.driver.findElement(By.cssSelector(".facets-toggle")).click();
            assertThat(phone.driver.findElement(By.id("facets")).isDisplayed()).isTrue();
            phone.screenshot(testName + "-filters-open");
            phone.driver.findElement(By.cssSelector(".facets-close")).click();
            assertThat(phone.driver.findElement(By.id("facets")).isDisplayed()).isFalse();
            small.openFirst();
            assertThat(phone.driver.findElement(By.cssSelector(".detail-info")).isDisplayed()).isTrue();
            phone.screenshot(testName + "-detail");
        }
    }

    @Test
    void an_editor_finds_pictures_by_a_creators_name_and_by_clicking_a_facet() {
        desk.open("/").signIn(editorKey);
        desk.search("by:trung");
        assertThat(desk.resultCount()).isEqualTo(5);
        assertThat(desk.shownIds()).containsExactlyInAnyOrderElementsOf(gallery);

        desk.search("");
        long everything = desk.resultCount();
        desk.clickFacet("creator", CREATOR);
        assertThat(desk.currentQuery()).isEqualTo("by:\"" + CREATOR + "\"");
        assertThat(desk.resultCount()).isEqualTo(5).isLessThanOrEqualTo(everything);
        assertThat(browser.driver.findElement(By.cssSelector(".facet-value[data-facet='creator'][data-value='" + CREATOR + "']"))
                .getAttribute("aria-pressed")).isEqualTo("true");

        // The same facet again takes the filter out.
        desk.clickFacet("creator", CREATOR);
        assertThat(desk.currentQuery()).isEmpty();
        assertThat(desk.resultCount()).isEqualTo(everything);
    }

    @Test
    void the_detail_shows_credit_restrictions_and_where_each_value_came_from() {
        String id = gallery.get(0);
        archive.edit(id, editorKey, Map.of("usageTerms", "Newsmagazines Out", "instructions", "No sales"));
        desk.open("/?q=" + DeskArchive.query("id:" + id)).signIn(editorKey);
        desk.waitForResultCount(1).openFirst();

        assertThat(desk.openImageId()).isEqualTo(id);
        assertThat(desk.restrictionText()).contains("Newsmagazines Out").contains("No sales");
        assertThat(desk.detailValue("creator")).isEqualTo(CREATOR);
        assertThat(desk.detailValue("credit")).isEqualTo("Báo Quốc tế");
        assertThat(browser.driver.findElement(By.cssSelector(".detail .field-credit .provenance")).getText()).isEqualTo("upload:credit");
        assertThat(browser.driver.findElement(By.cssSelector(".detail .field-usageTerms .provenance")).getText()).startsWith("edit:");
        assertThat(browser.driver.findElement(By.cssSelector(".detail-image")).getAttribute("src")).endsWith("/renditions/large");
        assertThat(browser.driver.findElements(By.cssSelector(".detail .history li")).size()).isPositive();
        // Renditions download with the archive's metadata written in; editors also get the original.
        List<String> downloads = browser.driver.findElements(By.cssSelector(".detail a[download]")).stream()
                .map(link -> link.getAttribute("href")).toList();
        assertThat(downloads).isNotEmpty().allMatch(href -> href.contains("/v1/images/" + id + "/renditions/") && href.endsWith("?download=1"));
        assertThat(browser.driver.findElements(By.xpath("//button[starts-with(normalize-space(), 'Original')]"))).hasSize(1);
    }

    @Test
    void an_edited_caption_is_saved_in_place_and_the_search_finds_its_new_words() {
        String id = gallery.get(1);
        desk.open("/?q=" + DeskArchive.query("id:" + id)).signIn(editorKey);
        desk.waitForResultCount(1).openFirst();

        desk.editCaption("Lanterns glow over the conference centre at dusk");

        assertThat(archive.get("/v1/images/" + id, editorKey).path("description").asText())
                .isEqualTo("Lanterns glow over the conference centre at dusk");
        desk.closeDetail().search("lanterns dusk");
        assertThat(desk.shownIds()).containsExactly(id);
        assertThat(browser.driver.findElement(By.cssSelector("#grid .cell-caption mark")).getText()).isIn("Lanterns", "dusk");
    }

    @Test
    void a_batch_edit_sets_the_same_credit_on_two_pictures() {
        desk.open("/").signIn(editorKey);
        desk.search("by:trung");
        List<String> shown = desk.shownIds();

        desk.selectRange(0, 1).batchSetCredit("Photo: Trần Trung / Báo Quốc tế");

        for (String id : shown.subList(0, 2)) {
            assertThat(archive.get("/v1/images/" + id, editorKey).path("credit").asText()).isEqualTo("Photo: Trần Trung / Báo Quốc tế");
        }
        assertThat(archive.get("/v1/images/" + shown.get(2), editorKey).path("credit").asText()).isEqualTo("Báo Quốc tế");
    }

    @Test
    void the_embed_snippet_is_copied_to_the_clipboard() {
        String id = gallery.get(2);
        desk.open("/?q=" + DeskArchive.query("id:" + id)).signIn(editorKey);
        desk.waitForResultCount(1).openFirst();

        String copied = desk.copyEmbedSnippet();

        assertThat(copied).startsWith("<figure").isEqualTo(archive.text("/v1/images/" + id + "/embed"));
        assertThat(desk.statusMessage()).contains("Embed snippet copied");
    }

    @Test
    void an_admin_removes_a_picture_and_it_is_gone_from_the_grid_and_the_store() {
        String id = archive.upload(archive.adminKey, "no-frame-header.jpg", fixtureBytes("photos/no-frame-header.jpg"), Map.of("caption", "To be removed"));
        archive.awaitProcessed(id, editorKey);
        assertThat(archive.storesPictureOf(id)).isTrue();
        desk.open("/?q=" + DeskArchive.query("\"to be removed\"")).signIn(archive.adminKey);
        desk.waitForResultCount(1).openFirst();

        desk.removeOpenImage("rights withdrawn");

        desk.waitForResultCount(0);
        assertThat(desk.shownIds()).doesNotContain(id);
        assertThat(archive.status("/v1/images/" + id + "/original", editorKey)).isEqualTo(410);
        assertThat(archive.status("/v1/images/" + id + "/renditions/thumb", null)).isEqualTo(410);
        DeskArchive.await("the S3 objects of " + id + " are deleted", () -> !archive.storesPictureOf(id));
        desk.search("\"to be removed\"");
        assertThat(desk.resultCount()).isZero();
    }

    @Test
    void a_caption_with_markup_shows_as_text_everywhere_and_runs_nothing() {
        String id = archive.upload(archive.adminKey, "hostile.jpg", DeskArchive.generatedJpeg(7, 640, 400), Map.of("caption", HOSTILE));
        archive.awaitProcessed(id, editorKey);
        desk.open("/").signIn(editorKey);
        browser.console();

        desk.search("harbour");
        assertThat(desk.shownIds()).contains(id);
        String shownCaption = browser.driver.findElement(By.cssSelector("#grid .cell[data-id='" + id + "'] .cell-caption")).getText();
        assertThat(shownCaption).isEqualTo(HOSTILE);
        assertThat(browser.driver.findElement(By.cssSelector("#grid .cell[data-id='" + id + "'] .cell-caption mark")).getText()).isEqualTo("harbour");
        desk.openFirst();
        assertThat(desk.detailValue("description")).isEqualTo(HOSTILE);

        assertThat(browser.driver.findElements(By.cssSelector("img[src='x'], b"))).isEmpty();
        assertThat(browser.driver.findElement(By.cssSelector(".detail-image")).getAttribute("alt")).isEqualTo(HOSTILE);
        assertThat(noAlertIsOpen()).isTrue();
        assertThat(browser.console()).noneMatch(line -> line.contains("Content Security Policy") || line.contains("Refused to"));
    }

    @Test
    void the_back_button_restores_the_previous_search_and_forward_the_next() {
        desk.open("/").signIn(editorKey);
        desk.search("by:trung");
        long trung = desk.resultCount();
        desk.openFirst().closeDetail();
        desk.search("harbour OR lanterns OR skateboarder");
        long other = desk.resultCount();

        desk.back();
        assertThat(desk.currentQuery()).isEqualTo("by:trung");
        assertThat(desk.searchBox().getAttribute("value")).isEqualTo("by:trung");
        assertThat(browser.driver.findElements(By.cssSelector(".detail"))).isEmpty();
        desk.waitForResultCount(trung);

        desk.back();
        desk.waitForDetail();
        assertThat(desk.openImageId()).isNotNull();

        browser.driver.navigate().forward();
        browser.driver.navigate().forward();
        desk.waitForResultsOf("harbour OR lanterns OR skateboarder").waitForResultCount(other);
    }

    @Test
    void two_editors_saving_one_picture_lose_nothing_the_later_one_sees_the_other_change_and_applies_theirs_again() {
        String id = gallery.get(3);
        String colleague = archive.issueKey("Minh Chau", "editor");
        desk.open("/?q=" + DeskArchive.query("id:" + id)).signIn(editorKey);
        desk.waitForResultCount(1).openFirst();
        // While the picture is open here, a colleague saves another caption.
        archive.edit(id, colleague, Map.of("description", "Delegates arrive at the National Convention Centre"));

        String theirs = desk.editCaptionAndMeetAConflict("Delegates gather in Hanoi for the signing");

        assertThat(theirs).isEqualTo("Delegates arrive at the National Convention Centre");
        desk.applyMineAgain("Delegates gather in Hanoi for the signing");
        JsonNode record = archive.get("/v1/images/" + id, editorKey);
        assertThat(record.path("description").asText()).isEqualTo("Delegates gather in Hanoi for the signing");
        List<String> editors = new ArrayList<>();
        record.path("edits").forEach(edit -> editors.add(edit.path("editor").asText()));
        assertThat(editors).containsSubsequence("Minh Chau", "Lan Anh");
    }

    @Test
    void the_grid_is_worked_from_the_keyboard() {
        desk.open("/").signIn(editorKey);
        desk.search("by:trung");
        desk.focusGrid();
        assertThat(desk.focusedIndex()).isZero();

        desk.press(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_LEFT);
        assertThat(desk.focusedIndex()).isEqualTo(1);
        String second = desk.shownIds().get(1);
        desk.press(Keys.ENTER).waitForDetail();
        assertThat(desk.openImageId()).isEqualTo(second);
        desk.press(Keys.ESCAPE);
        until(d -> d.findElements(By.cssSelector(".detail")).isEmpty() && desk.focusedIndex() == 1);

        desk.press("e").waitForDetail();
        assertThat(desk.openImageId()).isEqualTo(second);
        until(d -> "edit-description".equals(desk.focusedId()));
        desk.press(Keys.ESCAPE).press(Keys.ESCAPE);
        until(d -> d.findElements(By.cssSelector(".detail")).isEmpty());
        // Ctrl+A selects every picture shown, for a batch edit.
        desk.focusGrid().pressWithControl("a");
        until(d -> d.findElements(By.cssSelector("#grid .cell.selected")).size() == desk.shownIds().size());
        assertThat(browser.driver.findElement(By.cssSelector(".batch-count")).getText()).isEqualTo(desk.shownIds().size() + " selected");

        desk.press("/");
        assertThat(desk.focusedId()).isEqualTo("q");
    }

    @Test
    void an_admin_issues_a_key_that_is_shown_once_and_revokes_it_after_a_confirmation() {
        desk.open("/?view=keys").signIn(archive.adminKey);

        String key = desk.issueKey("Hoa Binh", "photographer");

        assertThat(archive.get("/v1/me", key).path("role").asText()).isEqualTo("photographer");
        assertThat(desk.keyNames()).contains("Hoa Binh", "Lan Anh");
        desk.revokeKey("Hoa Binh");
        assertThat(archive.status("/v1/me", key)).isEqualTo(401);
        assertThat(desk.keyNames()).doesNotContain("Hoa Binh").contains("Lan Anh");
    }

    @Test
    void an_editor_makes_a_gallery_of_selected_pictures_reorders_and_captions_it_and_websites_get_it_in_that_order() {
        desk.open("/").signIn(editorKey);
        desk.search("by:trung");
        List<String> shown = desk.shownIds();
        desk.selectRange(0, 2);

        String gid = desk.newGalleryFromSelection("Hội nghị Hà Nội", "vi");

        assertThat(desk.galleryItemIds()).containsExactly(shown.get(0), shown.get(1), shown.get(2));
        // By mouse: the third picture dragged to the top.
        desk.dragGalleryItem(2, 0);
        assertThat(desk.galleryItemIds()).containsExactly(shown.get(2), shown.get(0), shown.get(1));
        // By keyboard: Alt+Down on the second picture's caption; the move is announced and the focus stays with the picture.
        desk.moveGalleryItemWithKeys(1, true);
        assertThat(desk.galleryItemIds()).containsExactly(shown.get(2), shown.get(1), shown.get(0));
        assertThat(desk.statusMessage()).contains("moved to position 3 of 3");
        assertThat(desk.focusedId()).isEqualTo("gi-caption-" + shown.get(0));
        desk.editGalleryCaption(0, "Đèn lồng trên hội trường lúc hoàng hôn");
        desk.saveGallery(2);

        String embed = archive.text("/v1/galleries/" + gid + "/embed");
        assertThat(figureIds(embed)).containsExactly(shown.get(2), shown.get(1), shown.get(0));
        assertThat(figureCaptions(embed).get(0)).isEqualTo("Đèn lồng trên hội trường lúc hoàng hôn");
        assertThat(embed).startsWith("<section class=\"archive-gallery\" lang=\"vi\"").contains("Ảnh: " + CREATOR);
        // The preview is the public page, in a frame, with the saved order and caption.
        List<String> previewed = desk.previewGalleryCaptions(3);
        assertThat(previewed.get(0)).isEqualTo("Đèn lồng trên hội trường lúc hoàng hôn");
        assertThat(previewed).hasSize(3);
        assertThat(desk.copyFromGallery("copy-gallery-embed")).isEqualTo(embed);
        assertThat(desk.copyFromGallery("copy-gallery-link")).isEqualTo(archive.origin() + "/g/" + gid);
        assertThat(browser.console()).noneMatch(line -> line.contains("Content Security Policy") || line.contains("Refused to"));
    }

    @Test
    void a_stale_gallery_save_shows_that_someone_else_saved_and_applies_mine_over_theirs() {
        JsonNode made = archive.createGallery(editorKey, Map.of("title", "Convention in pictures", "language", "en",
                "items", List.of(Map.of("image", gallery.get(0)), Map.of("image", gallery.get(1)))));
        String gid = made.path("id").asText();
        String colleague = archive.issueKey("Thu Ha", "editor");
        desk.open("/?view=galleries&gallery=" + gid).signIn(editorKey);
        desk.waitForGalleryEditor("Convention in pictures", 2);
        // While it is open here, a colleague retitles the gallery at the version read here.
        archive.saveGallery(gid, colleague, Map.of("version", 1, "title", "The convention, day one", "language", "en",
                "items", List.of(Map.of("image", gallery.get(0)), Map.of("image", gallery.get(1)))));
        desk.editGalleryCaption(1, "Delegates at the signing");

        String conflict = desk.saveGalleryAndMeetAConflict();

        assertThat(conflict).contains("Thu Ha").contains("saved this gallery").contains("the title").contains("the pictures or their captions");
        assertThat(archive.get("/v1/galleries/" + gid, editorKey).path("items").get(1).hasNonNull("caption")).isFalse();
        desk.applyMineAgainToGallery(3);
        JsonNode saved = archive.get("/v1/galleries/" + gid, editorKey);
        assertThat(saved.path("title").asText()).isEqualTo("The convention, day one");
        assertThat(saved.path("items").get(1).path("caption").asText()).isEqualTo("Delegates at the signing");
        assertThat(saved.path("updatedBy").asText()).isEqualTo("Lan Anh");
    }

    @Test
    void the_selection_is_added_to_a_listed_gallery_and_a_gallery_is_deleted_after_a_confirmation() {
        JsonNode made = archive.createGallery(editorKey, Map.of("title", "Lanterns", "language", "bn",
                "items", List.of(Map.of("image", gallery.get(4)))));
        String gid = made.path("id").asText();
        desk.open("/").signIn(editorKey);
        assertThat(desk.openGalleries()).contains("Lanterns");
        desk.openGallery("Lanterns", 1);
        assertThat(desk.galleryItemIds()).containsExactly(gallery.get(4));

        browser.driver.findElement(By.xpath("//nav[@class='tabs']/a[normalize-space()='Search']")).click();
        desk.search("by:trung");
        int other = desk.shownIds().indexOf(gallery.get(3));
        desk.selectRange(other, other);
        desk.addSelectionToGallery("Lanterns", 2);

        assertThat(desk.galleryItemIds()).containsExactly(gallery.get(4), gallery.get(3));
        assertThat(archive.get("/v1/galleries/" + gid, editorKey).path("version").asInt()).isEqualTo(2);
        desk.deleteGallery();
        assertThat(desk.galleryTitles()).doesNotContain("Lanterns");
        assertThat(archive.status("/g/" + gid, null)).isEqualTo(410);
        assertThat(archive.status("/v1/galleries/" + gid + "/embed", null)).isEqualTo(410);
    }

    @Test
    void an_embargoed_picture_warns_with_a_live_countdown_and_an_editor_sets_and_lifts_the_embargo_from_the_detail() throws IOException {
        String id = archive.upload(archive.adminKey, "communique.jpg", DeskArchive.generatedJpeg(31, 640, 400),
                Map.of("caption", "The summit communiqué, not before its time"));
        archive.awaitProcessed(id, editorKey);
        Instant until = Instant.now().plus(Duration.ofHours(2).plusMinutes(14).plusSeconds(40)).truncatedTo(ChronoUnit.SECONDS);
        archive.edit(id, editorKey, Map.of("embargoUntil", until.toString()));
        desk.open("/?q=" + DeskArchive.query("id:" + id)).signIn(editorKey);
        desk.waitForResultCount(1);
        assertThat(desk.thumbnailIsHeld(id)).isTrue();
        desk.openFirst();

        // The public renditions are refused, to the desk's <img> too: the detail shows the original, read with the key.
        assertThat(desk.detailPictureSource()).startsWith("blob:");
        assertThat(desk.embargoWarning()).containsPattern("Embargoed until .+ — 2 h 1[34] min left");
        assertThat(Instant.parse(desk.embargoUntilShown())).isEqualTo(until);
        assertThat(desk.embargoSpoken()).matches("2 hours 1[34] minutes left until the embargo ends\\.");
        assertThat(archive.status("/v1/images/" + id + "/renditions/thumb", null)).isEqualTo(403);
        browser.screenshot(testName + "-countdown");

        // Set from the detail: ten minutes from now, to the minute; the countdown then shows seconds, ticking.
        desk.setEmbargoInMinutes(10);
        Instant set = Instant.parse(archive.get("/v1/images/" + id, editorKey).path("embargoUntil").asText());
        assertThat(set).isBetween(Instant.now().plus(Duration.ofMinutes(8)), Instant.now().plus(Duration.ofMinutes(10)));
        assertThat(desk.embargoCountdown()).matches("\\d{1,2} min \\d{2} s left");
        assertThat(desk.embargoCountdownOverSeconds()).hasSizeGreaterThanOrEqualTo(3).allMatch(text -> text.matches("\\d{1,2} min \\d{2} s left"));
        assertThat(desk.embargoSpoken()).matches("\\d{1,2} minutes? left until the embargo ends\\.");

        desk.liftEmbargo();
        assertThat(archive.get("/v1/images/" + id, editorKey).hasNonNull("embargoUntil")).isFalse();
        DeskArchive.await("the lifted picture is public", () -> archive.status("/v1/images/" + id + "/renditions/thumb", null) == 200);
        assertThat(desk.detailPictureSource()).endsWith("/v1/images/" + id + "/renditions/large");
        assertThat(desk.usageRows()).containsExactly("No website has shown this picture yet.");
    }

    @Test
    void a_withheld_picture_shows_its_reason_as_a_restriction_and_an_editor_releases_and_withholds_it_from_the_detail() throws IOException {
        String id = archive.upload(archive.adminKey, "family.jpg", DeskArchive.generatedJpeg(32, 640, 400),
                Map.of("caption", "Mourners outside the hospital"));
        archive.awaitProcessed(id, editorKey);
        archive.edit(id, editorKey, Map.of("withheld", "Court order 17/2026"));
        desk.open("/?q=" + DeskArchive.query("id:" + id)).signIn(editorKey);
        desk.waitForResultCount(1).openFirst();

        assertThat(desk.restrictionText()).contains("Withheld: Court order 17/2026");
        assertThat(desk.showsEmbargo()).isFalse();
        assertThat(archive.status("/v1/images/" + id + "/renditions/thumb", null)).isEqualTo(451);
        browser.screenshot(testName + "-withheld");

        desk.release();
        JsonNode released = archive.get("/v1/images/" + id, editorKey);
        assertThat(released.hasNonNull("withheld")).isFalse();
        DeskArchive.await("the released picture is public", () -> archive.status("/v1/images/" + id + "/renditions/thumb", null) == 200);

        desk.withhold("The family asked us to wait");
        assertThat(archive.get("/v1/images/" + id, editorKey).path("withheld").asText()).isEqualTo("The family asked us to wait");
        DeskArchive.await("the withheld picture is refused", () -> archive.status("/v1/images/" + id + "/renditions/thumb", null) == 451);
    }

    /** The image id of each figure of a gallery's embed, in order. */
    private static List<String> figureIds(String embed) {
        return matches(Pattern.compile("<figure[^>]*><img src=\"[^\"]*/v1/images/([0-9a-f]{64})/"), embed);
    }

    /** The caption of each figure of a gallery's embed, in order (unescaped: these captions hold no markup characters). */
    private static List<String> figureCaptions(String embed) {
        return matches(Pattern.compile("<span class=\"archive-caption\">([^<]*)</span>"), embed);
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private void until(Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(condition);
    }

    private boolean noAlertIsOpen() {
        try {
            browser.driver.switchTo().alert();
            return false;
        } catch (NoAlertPresentException expected) {
            return true;
        }
    }

    private static byte[] fixtureBytes(String name) {
        try {
            return fixture(name);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
