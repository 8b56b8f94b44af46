package media.archive.standalone.desk;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The picture desk as an editor uses it: each method is one thing a person does on the page, and
 * returns once the page shows that it is done. Tests speak through this, never through selectors.
 */
final class DeskPage {
    private final WebDriver driver;
    private final String origin;
    private final WebDriverWait wait;

    DeskPage(WebDriver driver, String origin) {
        this.driver = driver;
        this.origin = origin;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /** Opens the desk at {@code path} ({@code /}, {@code /?q=...}). */
    DeskPage open(String path) {
        driver.get(origin + path);
        wait.until(d -> !d.findElements(By.cssSelector("input[type=password], input[type=search], .upload-desk")).isEmpty());
        return this;
    }

    /** Signs in with {@code key} through the password field and waits until the desk shows who signed in. */
    DeskPage signIn(String key) {
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[type=password]")));
        field.sendKeys(key, Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".user .role")));
        return this;
    }

    /** Tries to sign in with {@code key}, which the archive refuses; the sentence the sign-in form then shows. */
    String signInRefused(String key) {
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[type=password]")));
        field.sendKeys(key, Keys.ENTER);
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".signin-form [role=alert]"))).getText();
    }

    String signedInAs() {
        return driver.findElement(By.cssSelector(".user")).getText();
    }

    List<String> tabs() {
        return driver.findElements(By.cssSelector(".tabs a")).stream().map(WebElement::getText).toList();
    }

    /** Types {@code query} into the search box, runs it and waits for its result count. */
    DeskPage search(String query) {
        WebElement box = searchBox();
        // As a person empties the field: keystrokes, which the page hears (clear() fires no input event).
        box.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        box.sendKeys(query);
        box.sendKeys(Keys.ENTER);
        waitForResultsOf(query);
        return this;
    }

    WebElement searchBox() {
        return wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("input[type=search]")));
    }

    /** Waits until the URL holds {@code query} and the grid shows its results. */
    DeskPage waitForResultsOf(String query) {
        wait.until(d -> query.equals(js("return new URLSearchParams(location.search).get('q') ?? ''")));
        wait.until(d -> Boolean.TRUE.equals(js(
                "return document.querySelector('#grid')?.getAttribute('aria-busy') === 'false' && /\\d/.test(document.getElementById('result-count')?.textContent ?? '')")));
        return this;
    }

    /** The number of pictures the result count announces. */
    long resultCount() {
        String text = driver.findElement(By.id("result-count")).getText().replaceAll("[^0-9]", "");
        return text.isEmpty() ? 0 : Long.parseLong(text);
    }

    DeskPage waitForResultCount(long expected) {
        wait.until(d -> resultCount() == expected);
        return this;
    }

    /** Ids of the pictures the grid shows, in order. */
    List<String> shownIds() {
        return driver.findElements(By.cssSelector("#grid .cell")).stream().map(cell -> cell.getAttribute("data-id")).toList();
    }

    /** Clicks the value {@code value} of the facet {@code facet} in the sidebar and waits for the new search. */
    DeskPage clickFacet(String facet, String value) {
        WebElement button = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector(".facet-value[data-facet='" + facet + "'][data-value='" + value.replace("'", "\\'") + "']")));
        String before = currentQuery();
        button.click();
        wait.until(d -> !before.equals(currentQuery()));
        waitForResultsOf(currentQuery());
        return this;
    }

    String currentQuery() {
        return (String) js("return new URLSearchParams(location.search).get('q') ?? ''");
    }

    /** Opens the first picture of the grid and waits for its detail view with the full record. */
    DeskPage openFirst() {
        return openAt(0);
    }

    DeskPage openAt(int index) {
        WebElement link = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#grid .cell[data-index='" + index + "'] .cell-open")));
        link.click();
        waitForDetail();
        return this;
    }

    DeskPage waitForDetail() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".detail .detail-info")));
        wait.until(d -> Boolean.TRUE.equals(js("return !document.querySelector('.detail .muted.small')?.textContent.includes('refreshing')")));
        return this;
    }

    String openImageId() {
        return (String) js("return new URLSearchParams(location.search).get('image')");
    }

    /** The text the detail view shows for field {@code name} (description, creditLine, usageTerms, ...). */
    String detailValue(String name) {
        return driver.findElement(By.cssSelector(".detail .field-" + name + " .value")).getText();
    }

    String restrictionText() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".detail .restriction"))).getText();
    }

    /** Edits the caption in place: the edit button, the new text, Ctrl+Enter; waits until the saved caption shows. */
    DeskPage editCaption(String caption) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("edit-button-description"))).click();
        WebElement editor = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("edit-description")));
        editor.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        editor.sendKeys(caption);
        editor.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        wait.until(d -> d.findElements(By.id("edit-description")).isEmpty() && caption.equals(detailValue("description")));
        return this;
    }

    /**
     * Edits the caption while someone else saved the picture since it was opened: the archive
     * refuses, the page shows the other change; the caption the other editor saved.
     */
    String editCaptionAndMeetAConflict(String caption) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("edit-button-description"))).click();
        WebElement editor = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("edit-description")));
        editor.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        editor.sendKeys(caption);
        editor.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".detail .conflict .theirs"))).getText();
    }

    /** After a conflict, saves this editor's value again over the other one; waits until it shows. */
    DeskPage applyMineAgain(String caption) {
        driver.findElement(By.xpath("//div[contains(@class,'conflict')]//button[normalize-space()='Apply mine again']")).click();
        wait.until(d -> d.findElements(By.cssSelector(".detail .conflict")).isEmpty()
                && d.findElements(By.id("edit-description")).isEmpty() && caption.equals(detailValue("description")));
        return this;
    }

    /** Puts the keyboard focus on the grid's current picture, as Tab would. */
    DeskPage focusGrid() {
        js("document.querySelector('#grid .cell-open[tabindex=\"0\"]').focus()");
        wait.until(d -> focusedIndex() >= 0);
        return this;
    }

    /** Presses {@code keys} wherever the focus is. */
    DeskPage press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
        return this;
    }

    /** Presses {@code key} with Ctrl held (Actions.sendKeys would release Ctrl before the key). */
    DeskPage pressWithControl(CharSequence key) {
        new Actions(driver).keyDown(Keys.CONTROL).sendKeys(key).keyUp(Keys.CONTROL).perform();
        return this;
    }

    /** The grid position of the picture holding the keyboard focus, or -1. */
    int focusedIndex() {
        Object index = js("return document.activeElement?.closest('#grid .cell')?.dataset.index ?? null");
        return index == null ? -1 : Integer.parseInt(index.toString());
    }

    String focusedId() {
        return (String) js("return document.activeElement?.id ?? ''");
    }

    /** Issues a key on the keys desk; the key the page shows once. */
    String issueKey(String name, String role) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".key-issue input[name=name]"))).sendKeys(name);
        new Select(driver.findElement(By.cssSelector(".key-issue select[name=role]"))).selectByValue(role);
        driver.findElement(By.xpath("//button[normalize-space()='Issue key']")).click();
        String key = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-key"))).getText();
        wait.until(d -> !d.findElements(By.cssSelector(".keys-table tr[data-key='" + name + "']")).isEmpty());
        return key;
    }

    /** Revokes the key named {@code name}, confirming in the dialog; waits until the list no longer has it. */
    DeskPage revokeKey(String name) {
        driver.findElement(By.cssSelector(".keys-table tr[data-key='" + name + "'] button")).click();
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("revoke-dialog")));
        dialog.findElement(By.xpath(".//button[normalize-space()='Revoke key']")).click();
        wait.until(d -> d.findElements(By.cssSelector(".keys-table tr[data-key='" + name + "']")).isEmpty());
        return this;
    }

    List<String> keyNames() {
        return driver.findElements(By.cssSelector(".keys-table tbody tr")).stream().map(row -> row.getAttribute("data-key")).toList();
    }

    /** Types {@code text} at the end of the search box without running the search. */
    DeskPage typeInSearch(CharSequence... text) {
        searchBox().sendKeys(text);
        return this;
    }

    /** The labels of the completion list while it is open, waiting until it shows {@code expected}. */
    List<String> completionsShowing(String expected) {
        wait.until(d -> completions().contains(expected));
        return completions();
    }

    List<String> completions() {
        return driver.findElements(By.cssSelector("#completion:not([hidden]) [role=option] .completion-label")).stream()
                .map(WebElement::getText).toList();
    }

    /** The option the combobox names as active (aria-activedescendant), or empty. */
    String activeCompletion() {
        String id = searchBox().getAttribute("aria-activedescendant");
        return id == null || id.isEmpty() ? "" : driver.findElement(By.id(id)).findElement(By.cssSelector(".completion-label")).getText();
    }

    /** Opens the search help; the filter names it lists. */
    List<String> helpFilters() {
        driver.findElement(By.xpath("//button[normalize-space()='Search help']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-help")));
        return driver.findElements(By.cssSelector("#search-help .help-filters tbody th code")).stream().map(WebElement::getText).toList();
    }

    /** Closes the detail view with Escape, back to the grid. */
    DeskPage closeDetail() {
        new Actions(driver).sendKeys(Keys.ESCAPE).perform();
        wait.until(d -> d.findElements(By.cssSelector(".detail")).isEmpty());
        return this;
    }

    /** Selects the pictures at {@code first} and, by shift-click, everything up to {@code last}. */
    DeskPage selectRange(int first, int last) {
        WebElement start = cell(first);
        new Actions(driver).moveToElement(start).perform();
        start.findElement(By.cssSelector(".cell-select")).click();
        new Actions(driver).keyDown(Keys.SHIFT).click(cell(last).findElement(By.cssSelector(".cell-open"))).keyUp(Keys.SHIFT).perform();
        int count = last - first + 1;
        wait.until(d -> d.findElements(By.cssSelector("#grid .cell.selected")).size() == count);
        return this;
    }

    private WebElement cell(int index) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#grid .cell[data-index='" + index + "']")));
    }

    /** Sets the same credit on every selected picture through the batch edit and waits until all are saved. */
    DeskPage batchSetCredit(String credit) {
        int selected = driver.findElements(By.cssSelector("#grid .cell.selected")).size();
        driver.findElement(By.cssSelector(".batch .button.primary")).click();
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#batch-form input[name=credit]")));
        field.sendKeys(credit);
        driver.findElement(By.cssSelector("#batch-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector(".batch-progress"), "Saved " + selected + " of " + selected + "."));
        return this;
    }

    /** Clicks "Embed snippet" among the copy buttons; waits for the confirmation; what the clipboard then holds. */
    String copyEmbedSnippet() {
        driver.findElement(By.xpath("//div[contains(@class,'actions')]//button[normalize-space()='Embed snippet']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".detail .copied")));
        return (String) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; navigator.clipboard.readText().then(done, e => done('failed: ' + e));");
    }

    String statusMessage() {
        return driver.findElement(By.cssSelector(".status-message")).getText();
    }

    /** Removes the open picture: the button, the confirmation dialog; waits until the detail closed. */
    DeskPage removeOpenImage(String reason) {
        driver.findElement(By.xpath("//button[normalize-space()='Remove…']")).click();
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("remove-dialog")));
        dialog.findElement(By.cssSelector("input[name=reason]")).sendKeys(reason);
        dialog.findElement(By.id("confirm-remove")).click();
        wait.until(d -> d.findElements(By.cssSelector(".detail")).isEmpty());
        return this;
    }

    /** The browser's back button; waits until the search box shows the query the URL now holds. */
    DeskPage back() {
        driver.navigate().back();
        wait.until(d -> currentQuery().equals(searchBox().getAttribute("value")));
        waitForResultsOf(currentQuery());
        return this;
    }

    /** Goes to the upload desk by its tab. */
    DeskPage openUpload() {
        driver.findElement(By.xpath("//nav[@class='tabs']/a[normalize-space()='Upload']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".dropzone")));
        return this;
    }

    /** Fills the fields applied to every file of the upload. */
    DeskPage uploadFields(String creator, String credit) {
        driver.findElement(By.id("upload-creator")).sendKeys(creator);
        driver.findElement(By.id("upload-credit")).sendKeys(credit);
        return this;
    }

    /** Chooses {@code files} in the page's own file chooser, which starts their upload. */
    DeskPage chooseFiles(List<Path> files) {
        WebElement input = driver.findElement(By.id("upload-files"));
        input.sendKeys(files.stream().map(Path::toString).collect(Collectors.joining("\n")));
        wait.until(d -> d.findElements(By.cssSelector(".uploads .upload")).size() >= files.size());
        return this;
    }

    /** The state each upload row shows (uploading, processing, ready, failed, duplicate), in order. */
    List<String> uploadStates() {
        return driver.findElements(By.cssSelector(".uploads .upload")).stream().map(row -> row.getAttribute("data-state")).toList();
    }

    DeskPage waitForUploadStates(String state, int count) {
        new WebDriverWait(driver, Duration.ofSeconds(120)).until(d -> uploadStates().stream().filter(state::equals).count() == count);
        return this;
    }

    /** Waits until no picture of the first screen is still loading. */
    DeskPage waitForThumbnails() {
        wait.until(d -> Boolean.TRUE.equals(js("return [...document.querySelectorAll('#grid img')].every(i => i.complete && i.naturalWidth > 0)")));
        return this;
    }

    // -- galleries ----------------------------------------------------------------------------

    /** Makes a gallery of the selected pictures through the selection bar's dialog; waits for its editor; the gallery's id. */
    String newGalleryFromSelection(String title, String language) {
        int selected = driver.findElements(By.cssSelector("#grid .cell.selected")).size();
        driver.findElement(By.xpath("//section[contains(@class,'batch')]//button[normalize-space()='New gallery…']")).click();
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-gallery-dialog")));
        dialog.findElement(By.cssSelector("input[name=title]")).sendKeys(title);
        new Select(dialog.findElement(By.cssSelector("select[name=language]"))).selectByValue(language);
        dialog.findElement(By.id("create-gallery")).click();
        waitForGalleryEditor(title, selected);
        return openGalleryId();
    }

    /** Adds the selected pictures to the gallery titled {@code title} through the selection bar; waits for its editor. */
    DeskPage addSelectionToGallery(String title, int itemsAfter) {
        driver.findElement(By.xpath("//section[contains(@class,'batch')]//button[normalize-space()='Add to gallery…']")).click();
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("add-to-gallery-dialog")));
        WebElement choice = wait.until(d -> dialog.findElements(By.id("add-to-gallery-choice")).stream().findFirst().orElse(null));
        // Each option reads "<title> (<n> pictures)".
        new Select(choice).getOptions().stream().filter(option -> option.getText().startsWith(title + " (")).findFirst().orElseThrow().click();
        dialog.findElement(By.id("add-to-gallery")).click();
        waitForGalleryEditor(title, itemsAfter);
        return this;
    }

    /** Waits until the gallery editor shows {@code title} with {@code items} pictures. */
    DeskPage waitForGalleryEditor(String title, int items) {
        wait.until(ExpectedConditions.textToBe(By.id("gallery-heading"), title));
        wait.until(d -> galleryItemIds().size() == items);
        return this;
    }

    String openGalleryId() {
        return (String) js("return new URLSearchParams(location.search).get('gallery')");
    }

    /** Goes to the galleries desk by its tab; the titles it lists, newest first. */
    List<String> openGalleries() {
        driver.findElement(By.xpath("//nav[@class='tabs']/a[normalize-space()='Galleries']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("galleries-title")));
        wait.until(d -> !d.findElements(By.cssSelector(".galleries-table, .galleries-desk .no-results")).isEmpty());
        return galleryTitles();
    }

    List<String> galleryTitles() {
        return driver.findElements(By.cssSelector(".galleries-table tbody th a")).stream().map(WebElement::getText).toList();
    }

    /** Opens the listed gallery titled {@code title} and waits for its editor. */
    DeskPage openGallery(String title, int items) {
        driver.findElement(By.xpath("//table[contains(@class,'galleries-table')]//a[normalize-space()='" + title + "']")).click();
        return waitForGalleryEditor(title, items);
    }

    /** The image ids of the gallery's pictures, in the editor's order. */
    List<String> galleryItemIds() {
        return driver.findElements(By.cssSelector(".gallery-items > .gallery-item")).stream().map(row -> row.getAttribute("data-image")).toList();
    }

    private WebElement galleryItem(int index) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".gallery-items > .gallery-item:nth-child(" + (index + 1) + ")")));
    }

    /** Drags the picture at {@code from} by its handle to position {@code to}, with the mouse, in small steps; waits until it is there. */
    DeskPage dragGalleryItem(int from, int to) {
        String moved = galleryItemIds().get(from);
        WebElement handle = galleryItem(from).findElement(By.cssSelector(".drag-handle"));
        WebElement target = galleryItem(to);
        js("arguments[0].scrollIntoView({block: 'center'})", driver.findElement(By.cssSelector(".gallery-items")));
        org.openqa.selenium.Rectangle start = handle.getRect();
        org.openqa.selenium.Rectangle goal = target.getRect();
        int startY = start.getY() + start.getHeight() / 2;
        int goalY = to < from ? goal.getY() + 6 : goal.getY() + goal.getHeight() - 6;
        Actions drag = new Actions(driver).moveToElement(handle).clickAndHold();
        int steps = 6;
        for (int i = 0; i < steps; i++) {
            drag.moveByOffset(0, (goalY - startY) / steps);
        }
        drag.release().perform();
        wait.until(d -> galleryItemIds().indexOf(moved) == to);
        return this;
    }

    /** Moves the picture at {@code index} one place with Alt+Arrow, its caption field focused; waits until it moved. */
    DeskPage moveGalleryItemWithKeys(int index, boolean down) {
        String moved = galleryItemIds().get(index);
        WebElement caption = galleryItem(index).findElement(By.cssSelector("textarea"));
        caption.click();
        new Actions(driver).keyDown(Keys.ALT).sendKeys(down ? Keys.ARROW_DOWN : Keys.ARROW_UP).keyUp(Keys.ALT).perform();
        wait.until(d -> galleryItemIds().indexOf(moved) == index + (down ? 1 : -1));
        return this;
    }

    /** Types {@code caption} as the gallery's caption of the picture at {@code index}. */
    DeskPage editGalleryCaption(int index, String caption) {
        WebElement field = galleryItem(index).findElement(By.cssSelector("textarea"));
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        field.sendKeys(caption);
        wait.until(d -> "Unsaved changes".equals(driver.findElement(By.id("save-state")).getText()));
        return this;
    }

    /** Saves the gallery and waits until the editor says which version it saved. */
    DeskPage saveGallery(int version) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("save-gallery"))).click();
        wait.until(d -> {
            String state = driver.findElement(By.id("save-state")).getText();
            return state.startsWith("Saved") && state.endsWith("version " + version);
        });
        return this;
    }

    /** Saves the gallery someone else saved since it was opened; the conflict note the editor then sees. */
    String saveGalleryAndMeetAConflict() {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("save-gallery"))).click();
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("gallery-conflict"))).getText();
    }

    /** After a conflict, applies this editor's changes over the other one's and waits for the save. */
    DeskPage applyMineAgainToGallery(int version) {
        driver.findElement(By.id("gallery-apply-mine")).click();
        wait.until(d -> d.findElements(By.id("gallery-conflict")).isEmpty());
        wait.until(d -> driver.findElement(By.id("save-state")).getText().endsWith("version " + version));
        return this;
    }

    /** Opens the preview; the captions of the figures the public page shows in it, in order. */
    List<String> previewGalleryCaptions(int figures) {
        driver.findElement(By.id("toggle-gallery-preview")).click();
        WebElement frame = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".gallery-preview-frame")));
        driver.switchTo().frame(frame);
        try {
            wait.until(d -> d.findElements(By.cssSelector("figure")).size() == figures);
            // The first picture is in view (the others load lazily, as on any page): it shows.
            wait.until(d -> Boolean.TRUE.equals(js("const i = document.querySelector('figure img'); return i.complete && i.naturalWidth > 0")));
            return driver.findElements(By.cssSelector("figure figcaption .archive-caption")).stream().map(WebElement::getText).toList();
        } finally {
            driver.switchTo().defaultContent();
        }
    }

    /** Clicks a copy button of the gallery editor ({@code copy-gallery-embed}, {@code copy-gallery-link}); what the clipboard then holds. */
    String copyFromGallery(String buttonId) {
        driver.findElement(By.id(buttonId)).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".gallery-share .copied")));
        String copied = clipboard();
        wait.until(d -> d.findElements(By.cssSelector(".gallery-share .copied")).isEmpty());
        return copied;
    }

    private String clipboard() {
        return (String) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; navigator.clipboard.readText().then(done, e => done('failed: ' + e));");
    }

    /** Deletes the open gallery, confirming in the dialog; waits for the list of galleries. */
    DeskPage deleteGallery() {
        driver.findElement(By.xpath("//div[@class='gallery-bar']//button[normalize-space()='Delete…']")).click();
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("delete-gallery-dialog")));
        dialog.findElement(By.id("confirm-delete-gallery")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("galleries-title")));
        return this;
    }

    // -- embargo and withholding ------------------------------------------------------------------

    /** Whether the grid shows picture {@code id} by its placeholder, with no thumbnail the public routes would refuse. */
    boolean thumbnailIsHeld(String id) {
        String cell = "#grid .cell[data-id='" + id + "']";
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(cell)));
        return driver.findElements(By.cssSelector(cell + " img")).isEmpty() && !driver.findElements(By.cssSelector(cell + " .thumb-held")).isEmpty();
    }

    /** Waits until the detail's picture has loaded; its address. */
    String detailPictureSource() {
        wait.until(d -> Boolean.TRUE.equals(js("const i = document.querySelector('.detail img.detail-image'); return !!i && i.complete && i.naturalWidth > 0")));
        return driver.findElement(By.cssSelector(".detail img.detail-image")).getAttribute("src");
    }

    /** The embargo warning at the top of the detail, as shown. */
    String embargoWarning() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".detail .embargo"))).getText();
    }

    /** The countdown of the embargo warning. */
    String embargoCountdown() {
        return driver.findElement(By.cssSelector(".detail .embargo .countdown")).getText();
    }

    /**
     * The countdown's texts over 3.5 seconds, read every quarter of a second, each once: a
     * countdown that ticks by itself shows a new one every second, whatever else the page does.
     */
    List<String> embargoCountdownOverSeconds() {
        @SuppressWarnings("unchecked")
        List<String> seen = (List<String>) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1], seen = [];"
                + "const read = () => { const t = document.querySelector('.detail .embargo .countdown')?.textContent ?? '';"
                + "  if (seen.at(-1) !== t) seen.push(t); };"
                + "read(); const timer = setInterval(read, 250); setTimeout(() => { clearInterval(timer); done(seen); }, 3500);");
        return seen;
    }

    /** The instant the warning's {@code <time>} names. */
    String embargoUntilShown() {
        return driver.findElement(By.cssSelector(".detail .embargo time")).getAttribute("datetime");
    }

    /** What the warning's polite live region says (at most once a minute). */
    String embargoSpoken() {
        return (String) js("return document.querySelector('.detail .embargo [aria-live=polite]').textContent.trim()");
    }

    boolean showsEmbargo() {
        return !driver.findElements(By.cssSelector(".detail .embargo")).isEmpty();
    }

    /**
     * Sets the embargo from the detail to {@code minutes} from now, as the browser's clock and
     * zone read it (the date and time picker's value is local time, to the minute).
     */
    DeskPage setEmbargoInMinutes(int minutes) {
        driver.findElement(By.id("publishing-embargo")).click();
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("embargo-until")));
        js("const d = new Date(Date.now() + arguments[1] * 60000), p = (n) => String(n).padStart(2, '0');"
                + "arguments[0].value = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;",
                field, minutes);
        driver.findElement(By.xpath("//form[@id='publishing-form']//button[normalize-space()='Save embargo']")).click();
        wait.until(d -> d.findElements(By.id("publishing-form")).isEmpty());
        embargoWarning();
        return this;
    }

    /** Lifts the embargo from the detail, confirming; waits until the warning is gone. */
    DeskPage liftEmbargo() {
        driver.findElement(By.id("publishing-lift")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//form[@id='publishing-form']//button[normalize-space()='Lift embargo']"))).click();
        wait.until(d -> d.findElements(By.id("publishing-form")).isEmpty() && !showsEmbargo());
        return this;
    }

    /** Withholds the open picture from the detail with {@code reason}; waits until the restriction shows it. */
    DeskPage withhold(String reason) {
        driver.findElement(By.id("publishing-withhold")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("withheld-reason"))).sendKeys(reason);
        driver.findElement(By.xpath("//form[@id='publishing-form']//button[normalize-space()='Withhold picture']")).click();
        wait.until(d -> d.findElements(By.id("publishing-form")).isEmpty() && restrictionText().contains(reason));
        return this;
    }

    /** Releases the open withheld picture from the detail, confirming; waits until no withholding shows. */
    DeskPage release() {
        driver.findElement(By.id("publishing-release")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//form[@id='publishing-form']//button[normalize-space()='Release picture']"))).click();
        wait.until(d -> d.findElements(By.id("publishing-form")).isEmpty() && d.findElements(By.cssSelector(".detail .withheld-line")).isEmpty());
        return this;
    }

    /** The rows of the detail's "Where it is used" table (site, count, last seen), or its sentence when there is none. */
    List<String> usageRows() {
        WebElement section = wait.until(d -> d.findElements(By.cssSelector(".detail .usage")).stream()
                .filter(s -> !s.getText().contains("Loading")).findFirst().orElse(null));
        List<String> rows = section.findElements(By.cssSelector("tbody tr")).stream().map(WebElement::getText).toList();
        return rows.isEmpty() ? List.of(section.findElement(By.cssSelector("p")).getText()) : rows;
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }
}
