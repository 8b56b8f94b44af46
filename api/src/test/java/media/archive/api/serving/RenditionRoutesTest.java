package media.archive.api.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RenditionRoutesTest {
    @Test
    void webp_goes_to_browsers_that_list_it_and_not_to_those_that_refuse_it() {
        assertThat(RenditionRoutes.acceptsWebp("image/avif,image/webp,image/apng,image/*,*/*;q=0.8")).isTrue();
        assertThat(RenditionRoutes.acceptsWebp("image/webp;q=0.9")).isTrue();
        assertThat(RenditionRoutes.acceptsWebp("IMAGE/WEBP")).isTrue();
        assertThat(RenditionRoutes.acceptsWebp("image/webp;q=0")).isFalse();
        assertThat(RenditionRoutes.acceptsWebp("image/webp; q=0.0")).isFalse();
        assertThat(RenditionRoutes.acceptsWebp("image/*,*/*")).isFalse();
        assertThat(RenditionRoutes.acceptsWebp(null)).isFalse();
    }
}
