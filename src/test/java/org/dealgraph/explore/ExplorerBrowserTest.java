package org.dealgraph.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.dealgraph.testing.Curator;
import org.dealgraph.testing.FreshSeedGraphTest;
import org.dealgraph.testing.Neo4jTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The explorer in Debian's headless Chromium (installed by .ci/run; driven through its own chromedriver, nothing
 * downloaded): search, a company's deals, an agreement's total with its basis, the license changing with the date,
 * a new deal file appearing; no request leaves the service's origin.
 */
@Tag("slow")
@QuarkusTest
@WithTestResource(Neo4jTestResource.class)
class ExplorerBrowserTest extends FreshSeedGraphTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TestHTTPResource("/explore/")
    URL explore;

    WebDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void browser() {
        var present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(present, "Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        }
        assertTrue(present, "CI installs chromium and chromium-driver");
        var options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void searchOpenAnAgreementReadItsBasisAndWatchTheLicenseChange() throws Exception {
        browser.get(explore.toString());
        openCompany("AWS", "aws");
        var edgesNow = edges();
        assertTrue(edgesNow > 0, "agreements in force today are drawn");
        setDate("2024-01-01");
        assertTrue(edges() < edgesNow, "fewer AWS agreements were in force in 2024: " + edges() + " vs " + edgesNow);
        setDate("2026-05-01");
        openAgreement("aws-openai-compute-2025");
        var total = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("total")));
        assertTrue(total.getText().contains("USD 138B"), total.getText());
        assertTrue(browser.findElement(By.id("total-basis")).getText().contains("USD 38B"));
        screenshot("explore-aws");

        openCompany("Microsoft", "microsoft");
        openAgreement("msft-openai-ip-license");
        setDate("2026-04-26");
        wait.until(ExpectedConditions.textMatches(By.id("license"), java.util.regex.Pattern.compile("^exclusive")));
        setDate("2026-04-28");
        wait.until(ExpectedConditions.textMatches(By.id("license"), java.util.regex.Pattern.compile("^non-exclusive")));
        screenshot("explore-license");

        // A revenue share: its terms on the date, and what is owed on a revenue typed in, with the basis's steps.
        openCompany("OpenAI", "openai");
        openAgreement("openai-msft-revenue-share");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("share")));
        browser.findElement(By.name("revenue")).sendKeys("50000000000");
        setInput("from", "2027-01-01");
        setInput("to", "2027-12-31");
        var paid = browser.findElement(By.name("paid"));
        paid.clear();
        paid.sendKeys("30000000000");
        browser.findElement(By.cssSelector("#owed-form button[type='submit']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("owed-amount"), "USD 8B"));
        assertTrue(!browser.findElements(By.cssSelector("#share-basis + ol.inputs li a[href^='http']")).isEmpty(),
                "the basis's inputs link to their sources");
        screenshot("explore-owed");

        Curator.loadFile(Curator.TOKEN, "explore.yaml", """
                sources:
                  - {id: explore-source, url: "https://example.org/explore", publisher: Example, published: 2026-05-01}
                agreements:
                  - id: explore-msft-deal
                    kind: COMPUTE_COMMITMENT
                    title: A deal the explorer shows after a load
                    parties: [{company: microsoft, role: PROVIDER}, {company: openai, role: CUSTOMER}]
                    announced: 2026-05-01
                    money: USD 3B
                    sources: [{source: explore-source, confidence: REPORTED}]
                """, false).statusCode(200);
        // Live: the open page shows it without a reload or a click (the dealsLoaded subscription).
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#company [data-agreement='explore-msft-deal']")));
        screenshot("explore-live");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 800));
        screenshot("explore-phone");

        assertTrue(!browser.findElement(By.id("status")).getText().contains("security policy"), browser.findElement(By.id("status")).getText());
        var origin = explore.getProtocol() + "://" + explore.getAuthority();
        @SuppressWarnings("unchecked")
        var requested = (List<String>) ((JavascriptExecutor) browser)
                .executeScript("return performance.getEntriesByType('resource').map(e => e.name)");
        assertTrue(!requested.isEmpty());
        for (var url : requested) {
            assertTrue(url.startsWith(origin), "a request left the service: " + url);
        }
    }

    @Test
    void keyboardPeopleProductsTermsAndAddressesThatCanBeShared() throws Exception {
        browser.get(explore.toString());
        // The keyboard alone: type, arrow down into the results, Enter.
        var search = browser.findElement(By.id("search"));
        search.sendKeys("Dresser");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#results li[data-type='PERSON']")));
        search.sendKeys(Keys.ARROW_DOWN);
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        var roles = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("roles")));
        assertTrue(roles.getText().contains("Chief Revenue Officer"), roles.getText());
        assertTrue(browser.getCurrentUrl().contains("person=denise-dresser"), browser.getCurrentUrl());

        // From the person to her company, whose serving clouds on a date are derived.
        browser.findElement(By.cssSelector("#roles [data-company='openai']")).click();
        setDate("2026-05-01");
        var clouds = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("clouds")));
        assertTrue(clouds.getText().contains("AWS") && clouds.getText().contains("primary Microsoft"), clouds.getText());
        setDate("2025-01-01");
        clouds = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("clouds")));
        assertTrue(!clouds.getText().contains("AWS") && clouds.getText().contains("(exclusive)"), "only Azure, exclusively, then: " + clouds.getText());

        // Money in parts: the conditional tranche is said to be conditional, and not counted as committed.
        openAgreement("amazon-openai-equity-2026");
        var tranches = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tranches")));
        assertTrue(tranches.getText().contains("USD 15B") && tranches.getText().contains("conditional"), tranches.getText());
        assertTrue(browser.findElement(By.id("money")).getText().contains("ceiling"));

        // A product: the agreements that concern it.
        search = browser.findElement(By.id("search"));
        search.clear();
        search.sendKeys("Bedrock");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#results li[data-type='PRODUCT'][data-id='bedrock']"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#company [data-agreement='aws-openai-bedrock-distribution']")));

        // An address opens the same view; the graph's edge says exclusive, then dashed non-exclusive; Back goes back.
        browser.get(explore + "#company=microsoft&agreement=msft-openai-ip-license&asOf=2026-04-26");
        wait.until(ExpectedConditions.textMatches(By.id("license"), Pattern.compile("^exclusive")));
        wait.until(d -> "exclusive".equals(edgeLabel("msft-openai-ip-license")));
        setDate("2026-04-28");
        wait.until(ExpectedConditions.textMatches(By.id("license"), Pattern.compile("^non-exclusive")));
        assertEquals("non-exclusive", edgeLabel("msft-openai-ip-license"));
        assertEquals("dashed", script("return window.explorerGraph.edges('[agreement = \"msft-openai-ip-license\"]')[0].style('line-style')"));
        browser.navigate().back();
        wait.until(ExpectedConditions.textMatches(By.id("license"), Pattern.compile("^exclusive")));

        // As the graph knew it: the agreement as then held, with what the graph recorded of it and when; a moment
        // before the graph held it (set with the "Known as of" control) finds nothing.
        browser.get(explore + "#agreement=msft-openai-ip-license&known=2099-01-01T00:00:00.000Z");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("known-note")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("history"), "recorded from 10-microsoft-openai.yaml"));
        script("const input = document.getElementById('knownasof'); input.value = '2001-01-01T00:00:00'; input.dispatchEvent(new Event('change'));");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("agreement"), "could not be shown"));
        assertTrue(browser.getCurrentUrl().contains("known=2001-01-01"), browser.getCurrentUrl());
        // A company's timeline as then held: its events later, none in 2001 (the graph held no company then).
        browser.get(explore + "#company=microsoft&known=2099-01-01T00:00:00.000Z");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("timeline-known-note")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "announced"));
        script("const input = document.getElementById('knownasof'); input.value = '2001-01-01T00:00:00'; input.dispatchEvent(new Event('change'));");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("timeline-known-note")));
        assertEquals("", browser.findElement(By.id("timeline")).getText());
        browser.get(explore + "#company=microsoft&agreement=msft-openai-ip-license&asOf=2026-04-28");
        wait.until(ExpectedConditions.textMatches(By.id("license"), Pattern.compile("^non-exclusive")));

        // The page's security policy comes from the service, and nothing the page does trips it.
        io.restassured.RestAssured.given().get(explore).then().header("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'"));
        assertTrue(!browser.findElement(By.id("status")).getText().contains("security policy"), browser.findElement(By.id("status")).getText());

        // Every picture has words, every field a name.
        assertEquals(0L, script("return [...document.querySelectorAll('[role=img]')].filter(e => !e.getAttribute('aria-label')).length"));
        assertEquals(0L, script("return [...document.querySelectorAll('input')].filter(i => !(i.labels?.length || i.getAttribute('aria-label'))).length"));

        // A phone's width: nothing runs off the side, the graph fits.
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("license")));
        assertTrue((Boolean) script("return document.documentElement.scrollWidth <= window.innerWidth"),
                "no sideways scrolling at 390 px: " + script("return document.documentElement.scrollWidth"));
        assertTrue((Long) script("return Math.round(document.getElementById('graph').getBoundingClientRect().right)") <= 390);
        screenshot("explore-phone-agreement");
    }

    private Object script(String js) {
        return ((JavascriptExecutor) browser).executeScript(js);
    }

    private String edgeLabel(String agreement) {
        return (String) script("const e = window.explorerGraph?.edges('[agreement = \"" + agreement + "\"]'); return e && e.length ? e[0].data('label') : null");
    }

    private void setInput(String name, String value) {
        ((JavascriptExecutor) browser).executeScript("document.querySelector(\"input[name='\" + arguments[0] + \"']\").value = arguments[1]", name, value);
    }

    private long edges() {
        return (Long) ((JavascriptExecutor) browser).executeScript("return window.explorerGraph ? window.explorerGraph.edges().length : -1");
    }

    private void openCompany(String text, String id) {
        var search = browser.findElement(By.id("search"));
        search.clear();
        search.sendKeys(text);
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#results li[data-type='COMPANY'][data-id='" + id + "']"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#company .deals")));
    }

    private void openAgreement(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-agreement='" + id + "']"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#agreement h2")));
    }

    private void setDate(String date) {
        ((JavascriptExecutor) browser).executeScript(
                "const input = document.getElementById('asof'); input.value = arguments[0]; input.dispatchEvent(new Event('change'));", date);
        if (!browser.findElements(By.cssSelector("#agreement dl")).isEmpty()) {
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#agreement dl"), "On " + date));
        }
        wait.until(d -> ((String) ((JavascriptExecutor) d).executeScript("return document.getElementById('graph').getAttribute('aria-label')")).contains(date));
    }

    private void screenshot(String name) throws Exception {
        script("window.scrollTo(0, 0)");
        var png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.createDirectories(Path.of("target/screenshots"));
        Files.write(Path.of("target/screenshots/" + name + ".png"), png);
        assertEquals(true, png.length > 1000);
    }
}
