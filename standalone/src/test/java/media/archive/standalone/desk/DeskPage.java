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

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }
}
