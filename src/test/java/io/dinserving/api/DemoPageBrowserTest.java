package io.dinserving.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The demo page at {@code /} in headless Chromium: it ranks an example user and shows, in its table
 * and its heat strip, exactly what {@code POST /recommend} returns for the same input.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"din.cache.enabled=false"})
@EnabledIf(
        value = "chromiumIsInstalled",
        disabledReason = "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver); "
                + ".ci/run installs them")
class DemoPageBrowserTest extends ApiTestSupport {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    static WebDriver browser;

    static boolean chromiumIsInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @BeforeAll
    static void startBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,960");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @Test
    void theRankingAndTheHeatStripShowWhatTheApiReturnsForTheSameInput() throws Exception {
        browser.get("http://localhost:" + port + "/");
        waiting()
                .until(d ->
                        new Select(d.findElement(By.id("example"))).getOptions().size() > 1);
        assertThat(browser.findElement(By.id("model")).getText())
                .contains("model version " + bundle().manifest().version());
        new Select(browser.findElement(By.id("example"))).selectByIndex(1);
        browser.findElement(By.id("rank")).click();
        waiting().until(d -> !d.findElements(By.cssSelector("#heat .cell")).isEmpty());

        @SuppressWarnings("unchecked")
        Map<String, Object> request =
                (Map<String, Object>) ((JavascriptExecutor) browser).executeScript("return currentRequest();");
        assertThat((List<?>) request.get("behaviors")).isNotEmpty();
        JsonNode expected = post(request).body();

        List<WebElement> rows = browser.findElements(By.cssSelector("#ranking tbody tr"));
        assertThat(rows).hasSize(expected.get("items").size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode item = expected.get("items").get(i);
            WebElement row = rows.get(i);
            assertThat(row.getDomAttribute("data-item-id"))
                    .isEqualTo(item.get("itemId").asString());
            WebElement score = row.findElement(By.cssSelector("td.score"));
            assertThat(Double.parseDouble(score.getDomAttribute("data-score")))
                    .isCloseTo(item.get("score").asDouble(), within(1e-6));
            assertThat(score.getText())
                    .isEqualTo(String.format(
                            java.util.Locale.ROOT, "%.4f", item.get("score").asDouble()));
        }
        assertThat(browser.findElement(By.id("summary")).getText())
                .contains("model version " + expected.get("modelVersion").asString())
                .contains("ms in the service");

        rows.get(2).click();
        JsonNode attention = expected.get("items").get(2).get("attention");
        waiting()
                .until(d -> d.findElement(By.id("selected"))
                        .getText()
                        .startsWith(expected.get("items").get(2).get("itemId").asString()));
        List<WebElement> cells = browser.findElements(By.cssSelector("#heat .cell"));
        assertThat(cells).hasSize(attention.size());
        for (int t = 0; t < cells.size(); t++) {
            assertThat(cells.get(t).getDomAttribute("data-item-id"))
                    .isEqualTo(attention.get(t).get("itemId").asString());
            assertThat(Double.parseDouble(cells.get(t).getDomAttribute("data-weight")))
                    .isCloseTo(attention.get(t).get("weight").asDouble(), within(1e-6));
        }

        Path screenshot = Path.of("target/demo-page.png");
        Files.createDirectories(screenshot.getParent());
        Files.copy(
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                screenshot,
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(screenshot)).isPositive();
    }

    /** A 400 from the API is shown in the page, with its detail, not swallowed. */
    @Test
    void anErrorFromTheApiIsShownInThePage() {
        browser.get("http://localhost:" + port + "/");
        waiting()
                .until(d ->
                        new Select(d.findElement(By.id("example"))).getOptions().size() > 1);
        WebElement candidates = browser.findElement(By.id("candidates"));
        candidates.clear();
        browser.findElement(By.id("rank")).click();
        WebElement error = waiting().until(d -> {
            WebElement box = d.findElement(By.id("error"));
            return box.isDisplayed() ? box : null;
        });
        assertThat(error.getText()).startsWith("400").contains("candidates: at least one candidate is required");
        assertThat(browser.findElement(By.id("ranking")).isDisplayed()).isFalse();
    }
}
