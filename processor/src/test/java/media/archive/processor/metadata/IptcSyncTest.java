package media.archive.processor.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.jpeg.JpegSegmentReader;
import com.drew.imaging.jpeg.JpegSegmentType;
import com.drew.metadata.Metadata;
import java.nio.file.Path;
import java.util.List;
import media.archive.processor.TestImages;
import org.junit.jupiter.api.Test;

class IptcSyncTest {
    @Test
    void an_iim_block_whose_md5_matches_the_stored_digest_is_in_sync() throws Exception {
        Path file = TestImages.path("exr_iptc-agency-photographer-example.jpg");
        Metadata metadata = ImageMetadataReader.readMetadata(file.toFile());

        assertThat(IptcSync.of(metadata, iptcBlock(file))).isEqualTo(IptcSync.SYNCED);
    }

    @Test
    void an_iim_block_changed_after_the_digest_was_stored_is_changed() throws Exception {
        Path file = TestImages.path("exr_iptc-agency-photographer-example.jpg");
        Metadata metadata = ImageMetadataReader.readMetadata(file.toFile());
        byte[] edited = iptcBlock(file).clone();
        edited[edited.length - 1] ^= 1;

        assertThat(IptcSync.of(metadata, edited)).isEqualTo(IptcSync.CHANGED);
    }

    @Test
    void iim_without_a_stored_digest_is_unchecked_and_no_iim_is_absent() throws Exception {
        Path pa = TestImages.path("grid_pa.jpg");
        Path noIptc = TestImages.path("reo_Landscape_1.jpg");

        assertThat(IptcSync.of(ImageMetadataReader.readMetadata(pa.toFile()), iptcBlock(pa)))
                .isEqualTo(IptcSync.UNCHECKED);
        assertThat(IptcSync.of(ImageMetadataReader.readMetadata(noIptc.toFile()), null)).isEqualTo(IptcSync.ABSENT);
    }

    private static byte[] iptcBlock(Path jpeg) throws Exception {
        return PhotoshopResources.iptcBlock(JpegSegmentReader.readSegments(jpeg.toFile(), List.of(JpegSegmentType.APPD))
                .getSegments(JpegSegmentType.APPD));
    }
}
