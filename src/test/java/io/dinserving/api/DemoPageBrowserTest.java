package io.dinserving.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dinserving.DinServingApplication;
import io.dinserving.train.cli.DinCli;
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
import org.junit.jupiter.api.io.TempDir;
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
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
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

        Map<String, Object> request = pageRequest();
        assertThat((List<?>) request.get("behaviors")).isNotEmpty();
        JsonNode expected = post(request).body();

        List<WebElement> rows = tableShows(expected);
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
        signedWeightsAreDrawnBySign();

        String icon = browser.findElement(By.cssSelector("link[rel=icon]")).getDomAttribute("href");
        var favicon = HTTP.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/" + icon))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(favicon.statusCode()).isEqualTo(200);
        assertThat(favicon.body()).startsWith("<svg");

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

    /** The ranking table shows the API's answer: the same items in the same order, with their scores. */
    private static List<WebElement> tableShows(JsonNode expected) {
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
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> pageRequest() {
        return (Map<String, Object>) ((JavascriptExecutor) browser).executeScript("return currentRequest();");
    }

    private void openPage(int onPort) {
        browser.get("http://localhost:" + onPort + "/");
        waiting()
                .until(d ->
                        new Select(d.findElement(By.id("example"))).getOptions().size() > 1);
    }

    private static ConfigurableApplicationContext serve(Path bundle) {
        return new SpringApplicationBuilder(DinServingApplication.class)
                .run("--server.port=0", "--din.model.path=" + bundle, "--din.cache.enabled=false");
    }

    private static int portOf(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    /**
     * An imported TorchScript module cannot explain: the page offers explain switched off, says why,
     * and ranks exactly as the API does without it.
     */
    @Test
    void aTorchScriptBundleRanksWithExplainSwitchedOff(@TempDir Path dir) throws Exception {
        Path fixture = Path.of("src/test/resources/torchscript");
        Path bundle = dir.resolve("py-din");
        assertThat(DinCli.run(
                        "import",
                        "--torchscript",
                        fixture.resolve("model.pt").toString(),
                        "--features",
                        fixture.resolve("fitted.json").toString(),
                        "--out",
                        bundle.toString()))
                .isZero();
        try (ConfigurableApplicationContext app = serve(bundle)) {
            openPage(portOf(app));
            WebElement explain = browser.findElement(By.id("explain"));
            assertThat(explain.isSelected()).isFalse();
            assertThat(explain.isEnabled()).isFalse();
            assertThat(browser.findElement(By.id("explain-note")).getText()).contains("cannot show");

            browser.findElement(By.id("rank")).click();
            waiting()
                    .until(d -> d.findElement(By.id("ranking")).isDisplayed()
                            || d.findElement(By.id("error")).isDisplayed());
            assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
            Map<String, Object> request = pageRequest();
            assertThat(request.get("explain")).isEqualTo(false);
            Reply expected = post(portOf(app), JSON.writeValueAsString(request));
            assertThat(expected.status()).isEqualTo(200);
            tableShows(expected.body());
            assertThat(browser.findElement(By.id("explanation")).isDisplayed()).isFalse();
        }
    }

    /**
     * A MovieLens bundle carries titles: the boxes show them beside the ids, the search finds an
     * item by a word of its title and adds it, and only ids are sent.
     */
    @Test
    void aMovieLensBundleShowsTitlesAndFindsItemsByTitle(@TempDir Path dir) throws Exception {
        Path bundle = dir.resolve("ml-din");
        assertThat(DinCli.run(
                        "train",
                        "--movielens",
                        TinyMovieLens.write(dir.resolve("ml")).toString(),
                        "--epochs",
                        "1",
                        "--embedding-dim",
                        "4",
                        "--attention-hidden",
                        "8",
                        "--top-hidden",
                        "8",
                        "--out",
                        bundle.toString()))
                .isZero();
        try (ConfigurableApplicationContext app = serve(bundle)) {
            openPage(portOf(app));
            assertThat(browser.findElement(By.id("explain")).isSelected()).isTrue();
            String behaviours = browser.findElement(By.id("behaviors")).getDomProperty("value");
            assertThat(behaviours.lines())
                    .isNotEmpty()
                    .allSatisfy(line -> assertThat(line).matches("\\d+ · " + TinyMovieLens.TITLE_PATTERN));

            browser.findElement(By.id("search")).sendKeys("toy stor");
            WebElement match = waiting()
                    .until(d -> d.findElements(By.cssSelector("#matches li[data-item-id]")).stream()
                            .findFirst()
                            .orElse(null));
            assertThat(match.getDomAttribute("data-item-id")).isEqualTo("1");
            assertThat(match.getText()).contains("Toy Story (1995)");
            match.findElement(By.cssSelector("button.add-candidates")).click();
            String candidates = browser.findElement(By.id("candidates")).getDomProperty("value");
            assertThat(candidates.lines().reduce((a, b) -> b)).contains("1 · Toy Story (1995)");

            browser.findElement(By.id("rank")).click();
            waiting().until(d -> !d.findElements(By.cssSelector("#heat .cell")).isEmpty());
            Map<String, Object> request = pageRequest();
            @SuppressWarnings("unchecked")
            List<String> sent = (List<String>) request.get("candidates");
            assertThat(sent).contains("1").allSatisfy(id -> assertThat(id).matches("\\d+"));
            Reply expected = post(portOf(app), JSON.writeValueAsString(request));
            List<WebElement> rows = tableShows(expected.body());
            for (int i = 0; i < rows.size(); i++) {
                assertThat(rows.get(i).findElements(By.tagName("td")).get(2).getText())
                        .isEqualTo(
                                expected.body().get("items").get(i).get("name").asString());
            }
            signedWeightsAreDrawnBySign();
        }
    }

    /** Negative raw weights are drawn in the other colour, not as a faint version of the positive. */
    private static void signedWeightsAreDrawnBySign() {
        for (WebElement cell : browser.findElements(By.cssSelector("#heat .cell"))) {
            double weight = Double.parseDouble(cell.getDomAttribute("data-weight"));
            assertThat(cell.getDomAttribute("data-tone")).isEqualTo(weight < 0 ? "negative" : "positive");
        }
    }
}
