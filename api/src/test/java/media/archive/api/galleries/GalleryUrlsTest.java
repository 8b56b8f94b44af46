package media.archive.api.galleries;

import static org.assertj.core.api.Assertions.assertThat;

import media.archive.contracts.GalleryId;
import org.junit.jupiter.api.Test;

class GalleryUrlsTest {
    private static final String BASE = "https://photos.example.com";
    private static final GalleryId ID = GalleryId.parse("abcdefghijklmnopqrst");

    @Test
    void a_gallery_page_of_this_archive_names_its_gallery() {
        assertThat(GalleryUrls.galleryOfPage(GalleryUrls.page(BASE, ID), BASE)).contains(ID);
        assertThat(GalleryUrls.galleryOfPage("http://PHOTOS.example.com/g/" + ID + "/", BASE)).contains(ID);
    }

    @Test
    void pages_of_other_sites_and_other_paths_are_not_galleries() {
        assertThat(GalleryUrls.galleryOfPage("https://evil.example/g/" + ID, BASE)).isEmpty();
        assertThat(GalleryUrls.galleryOfPage("https://user@photos.example.com/g/" + ID, BASE)).isEmpty();
        assertThat(GalleryUrls.galleryOfPage("https://photos.example.com:8443/g/" + ID, BASE)).isEmpty();
        assertThat(GalleryUrls.galleryOfPage("https://photos.example.com/i/" + ID, BASE)).isEmpty();
        assertThat(GalleryUrls.galleryOfPage("https://photos.example.com/g/../etc", BASE)).isEmpty();
        assertThat(GalleryUrls.galleryOfPage("ftp://photos.example.com/g/" + ID, BASE)).isEmpty();
    }
}
