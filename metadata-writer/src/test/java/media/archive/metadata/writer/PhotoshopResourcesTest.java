package media.archive.metadata.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhotoshopResourcesTest {
    private static final byte[] THUMBNAIL = {1, 2, 3, 4, 5, 6};

    @Test
    void other_resources_stay_byte_for_byte_and_the_iim_and_its_digest_are_replaced_where_they_were() throws Exception {
        byte[] old = concat(resource("8BIM", 0x040c, "thumb", THUMBNAIL), resource("8BIM", 0x0404, "", new byte[] {0x1c, 2, 0}),
                resource("8BIM", 0x0425, "", new byte[16]), resource("PHUT", 0x0bb8, "", new byte[] {9}));
        byte[] iim = {0x1c, 1, 90, 0, 3, 0x1b, '%', 'G'};

        List<PhotoshopResources.Resource> written = PhotoshopResources.parse(
                PhotoshopResources.withIim(PhotoshopResources.parse(old), iim));

        assertThat(written).extracting(PhotoshopResources.Resource::id).containsExactly(0x040c, 0x0404, 0x0425, 0x0bb8);
        assertThat(written.get(0).whole()).isEqualTo(resource("8BIM", 0x040c, "thumb", THUMBNAIL));
        assertThat(written.get(1).data()).isEqualTo(iim);
        assertThat(written.get(2).data()).isEqualTo(MessageDigest.getInstance("MD5").digest(iim));
        assertThat(written.get(3).photoshop()).isFalse();
    }

    @Test
    void resources_after_an_unpadded_last_one_start_at_an_even_offset() {
        byte[] unpadded = resource("8BIM", 0x0bb7, "", new byte[] {7});
        byte[] old = java.util.Arrays.copyOf(unpadded, unpadded.length - 1);

        List<PhotoshopResources.Resource> written = PhotoshopResources.parse(
                PhotoshopResources.withIim(PhotoshopResources.parse(old), new byte[] {0x1c, 2, 0, 0, 0}));

        assertThat(written).extracting(PhotoshopResources.Resource::id).containsExactly(0x0bb7, 0x0404, 0x0425);
    }

    @Test
    void a_broken_resource_block_is_refused_rather_than_rewritten() {
        byte[] good = resource("8BIM", 0x0404, "", new byte[] {0x1c, 2, 0});
        byte[] badSignature = good.clone();
        badSignature[0] = 'X';
        byte[] tooLarge = good.clone();
        tooLarge[8] = 0x40;

        assertThatThrownBy(() -> PhotoshopResources.parse(badSignature)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PhotoshopResources.parse(tooLarge)).isInstanceOf(IllegalArgumentException.class);
        assertThat(PhotoshopResources.parse(new byte[6])).isEmpty();
    }

    private static byte[] resource(String signature, int id, String name, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(signature.getBytes(StandardCharsets.US_ASCII));
        out.write(id >> 8);
        out.write(id);
        out.write(name.length());
        out.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        if ((name.length() + 1) % 2 != 0) {
            out.write(0);
        }
        out.write(0);
        out.write(0);
        out.write(data.length >> 8);
        out.write(data.length);
        out.writeBytes(data);
        if (data.length % 2 != 0) {
            out.write(0);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
