package media.archive.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import media.archive.platform.config.Settings;
import media.archive.processor.metadata.NewsroomCleaning;
import media.archive.processor.rendition.RenditionSpec;
import org.junit.jupiter.api.Test;

class ProcessorConfigTest {
    @Test
    void defaults_make_four_renditions_and_refuse_above_150_megapixels() {
        Settings settings = Settings.of(Map.of());

        ProcessorConfig config = ProcessorConfig.from(settings);

        assertThat(config.renditions()).containsExactly(new RenditionSpec("thumb", 256), new RenditionSpec("small", 512),
                new RenditionSpec("medium", 1024), new RenditionSpec("large", 2048));
        assertThat(config.maxPixels()).isEqualTo(150_000_000L);
        assertThat(config.background()).isEqualTo(java.awt.Color.WHITE);
        assertThat(config.imageBudget()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.jpegQuality()).isEqualTo(0.82f);
        assertThat(config.threads()).isEqualTo(1);
        assertThat(config.maxRetryDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.known()).containsKeys("PROCESSOR_RENDITIONS", "PROCESSOR_MAX_PIXELS",
                "PROCESSOR_JPEG_QUALITY", "PROCESSOR_THREADS", "PROCESSOR_TEMP_DIR", "PROCESSOR_MAX_RETRY_SECONDS",
                "PROCESSOR_BACKGROUND", "PROCESSOR_IMAGE_BUDGET_SECONDS", "PROCESSOR_MAX_ATTEMPTS",
                "PROCESSOR_ATTEMPT_TIMEOUT_SECONDS");
        assertThat(config.maxAttempts()).isEqualTo(3);
        assertThat(config.attemptTimeout()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void an_attempt_is_abandoned_only_after_the_image_budget_so_a_slow_picture_fails_as_too_large_first() {
        ProcessorConfig config = ProcessorConfig.from(Settings.of(Map.of(
                "PROCESSOR_IMAGE_BUDGET_SECONDS", "10", "PROCESSOR_MAX_ATTEMPTS", "5")));

        assertThat(config.attemptTimeout()).as("twice the budget by default").isEqualTo(Duration.ofSeconds(20));
        assertThat(config.maxAttempts()).isEqualTo(5);
        assertThatThrownBy(() -> ProcessorConfig.from(Settings.of(Map.of(
                "PROCESSOR_IMAGE_BUDGET_SECONDS", "10", "PROCESSOR_ATTEMPT_TIMEOUT_SECONDS", "10"))))
                .isInstanceOf(Settings.InvalidSettingException.class)
                .hasMessageContaining("PROCESSOR_ATTEMPT_TIMEOUT_SECONDS");
    }

    @Test
    void reads_renditions_and_limits_from_the_environment() {
        ProcessorConfig config = ProcessorConfig.from(Settings.of(Map.of(
                "PROCESSOR_RENDITIONS", "small:320, large:2048",
                "PROCESSOR_MAX_PIXELS", "50000000",
                "PROCESSOR_THREADS", "2")));

        assertThat(config.renditions()).containsExactly(new RenditionSpec("small", 320), new RenditionSpec("large", 2048));
        assertThat(config.maxPixels()).isEqualTo(50_000_000L);
        assertThat(config.threads()).isEqualTo(2);
    }

    @Test
    void rejects_a_malformed_rendition_list_naming_the_setting() {
        assertThatThrownBy(() -> ProcessorConfig.from(Settings.of(Map.of("PROCESSOR_RENDITIONS", "thumb=256"))))
                .isInstanceOf(Settings.InvalidSettingException.class)
                .hasMessageContaining("PROCESSOR_RENDITIONS");
        assertThatThrownBy(() -> ProcessorConfig.from(Settings.of(Map.of("PROCESSOR_RENDITIONS", "a:256,a:512"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("distinct");
    }

    @Test
    void cleaning_rules_are_switched_off_and_the_credit_line_set_by_settings() {
        ProcessorConfig defaults = ProcessorConfig.from(Settings.of(Map.of()));
        ProcessorConfig config = ProcessorConfig.from(Settings.of(Map.of(
                "PROCESSOR_CLEANING_DISABLED", "name-case, agency-names",
                "PROCESSOR_CREDIT_LINE", "{credit} / {creator}")));

        assertThat(defaults.cleaning().enabledRules()).isEqualTo(NewsroomCleaning.ruleNames());
        assertThat(defaults.cleaning().creditLineTemplate()).isEqualTo("Photo: {creator} / {credit}");
        assertThat(config.cleaning().enabledRules()).doesNotContain("name-case", "agency-names").contains("byline-split");
        assertThat(config.cleaning().creditLineTemplate()).isEqualTo("{credit} / {creator}");
    }

    @Test
    void rejects_an_unknown_cleaning_rule_naming_the_setting() {
        assertThatThrownBy(() -> ProcessorConfig.from(Settings.of(Map.of("PROCESSOR_CLEANING_DISABLED", "title-case"))))
                .isInstanceOf(Settings.InvalidSettingException.class)
                .hasMessageContaining("PROCESSOR_CLEANING_DISABLED");
    }

    @Test
    void reads_the_background_and_the_time_budget() {
        ProcessorConfig config = ProcessorConfig.from(Settings.of(Map.of(
                "PROCESSOR_BACKGROUND", "#1A2b3C", "PROCESSOR_IMAGE_BUDGET_SECONDS", "5")));

        assertThat(config.background()).isEqualTo(new java.awt.Color(0x1a2b3c));
        assertThat(config.imageBudget()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> ProcessorConfig.from(Settings.of(Map.of("PROCESSOR_BACKGROUND", "white"))))
                .isInstanceOf(Settings.InvalidSettingException.class)
                .hasMessageContaining("PROCESSOR_BACKGROUND");
    }
}
