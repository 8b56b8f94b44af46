package media.archive.api.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import media.archive.platform.config.Settings;
import org.junit.jupiter.api.Test;

class ServingConfigTest {
    @Test
    void widths_come_sorted_from_the_environment_and_the_public_url_loses_its_trailing_slash() {
        ServingConfig config = ServingConfig.from(Settings.of(Map.of(
                "API_RENDITION_WIDTHS", "800, 320,480",
                "ARCHIVE_PUBLIC_URL", "https://photos.example.com/")));

        assertThat(config.widths()).containsExactly(320, 480, 800);
        assertThat(config.publicUrl()).contains(URI.create("https://photos.example.com"));
    }

    @Test
    void defaults_serve_the_usual_widths_from_the_request_origin() {
        Settings settings = Settings.of(Map.of());
        ServingConfig config = ServingConfig.from(settings);

        assertThat(config.widths()).containsExactly(320, 480, 640, 800, 1280, 1600);
        assertThat(config.publicUrl()).isEmpty();
        assertThat(config.webp()).isTrue();
        assertThat(settings.known()).containsKeys("API_RENDITION_WIDTHS", "API_RENDITION_CACHE_BYTES", "ARCHIVE_PUBLIC_URL", "API_WEBP");
    }

    @Test
    void widths_that_are_no_sizes_and_urls_that_are_no_origins_are_refused() {
        assertThatThrownBy(() -> ServingConfig.from(Settings.of(Map.of("API_RENDITION_WIDTHS", "320,big"))))
                .isInstanceOf(Settings.InvalidSettingException.class);
        assertThatThrownBy(() -> ServingConfig.from(Settings.of(Map.of("API_RENDITION_WIDTHS", "320,100000"))))
                .isInstanceOf(Settings.InvalidSettingException.class);
        assertThatThrownBy(() -> ServingConfig.from(Settings.of(Map.of("ARCHIVE_PUBLIC_URL", "ftp://photos.example.com"))))
                .isInstanceOf(Settings.InvalidSettingException.class);
    }

    @Test
    void pictures_carry_their_rights_unless_the_setting_says_none_or_full_and_anything_else_is_refused() {
        assertThat(ServingConfig.from(Settings.of(Map.of())).metadata()).isEqualTo(RenditionMetadata.RIGHTS);
        assertThat(ServingConfig.from(Settings.of(Map.of("API_RENDITION_METADATA", "none"))).metadata()).isEqualTo(RenditionMetadata.NONE);
        assertThat(ServingConfig.from(Settings.of(Map.of("API_RENDITION_METADATA", "Full"))).metadata()).isEqualTo(RenditionMetadata.FULL);
        assertThatThrownBy(() -> ServingConfig.from(Settings.of(Map.of("API_RENDITION_METADATA", "all"))))
                .isInstanceOf(Settings.InvalidSettingException.class).hasMessageContaining("rights, none or full");
    }
}
