package media.archive.api;

import static media.archive.api.ApiTestBed.await;
import static media.archive.api.ApiTestBed.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import media.archive.api.index.Events;
import media.archive.contracts.ImageEdited;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageProcessed;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.ObjectKeys;
import media.archive.contracts.Rendition;
import media.archive.contracts.SuppliedMetadata;
import media.archive.contracts.Topics;
import media.archive.platform.access.Role;
import media.archive.testkit.Infrastructure;
import media.archive.testkit.RealInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ?download=1} against a real Kafka broker and a real S3 server, through a real HTTP
 * server: the downloaded file carries the record's current values in XMP and IPTC-IIM, the
 * public picture stays the stored bytes.
 */
@ExtendWith(RealInfrastructure.class)
class DownloadIT {
    private static final Instant MORNING = Instant.parse("2025-10-25T08:00:00Z");
    private static final String CAPTION = "ঢাকায় বর্ষার প্রথম বৃষ্টিতে শিশুরা";
    private static final String CREDIT = "Tuổi Trẻ";

    @TempDir
    Path indexDir;
    private ApiTestBed bed;
    private String editorKey;
    private ImageId id;
    private byte[] jpeg;

    @BeforeEach
    void setUp(Infrastructure infra) throws Exception {
        bed = new ApiTestBed(infra, "download-it", indexDir);
        editorKey = bed.issue("picture desk", Role.EDITOR);
        bed.startApi();

        id = Events.id("download " + UUID.randomUUID());
        jpeg = fixture("/images/grid_getty.jpg");
        bed.store().putBytes(ObjectKeys.rendition(id, "thumb", "jpg"), jpeg, "image/jpeg");
        bed.store().putBytes(ObjectKeys.original(id), jpeg, "image/jpeg");
        bed.publish(Topics.UPLOADED, new ImageUploaded(id, MORNING, "staff photographer", "Mưa Hà Nội.jpg", "image/jpeg",
                jpeg.length, SuppliedMetadata.NONE));
        bed.publish(Topics.PROCESSED, new ImageProcessed(id, MORNING.plusSeconds(2),
                Events.metadata().creator("Trần Trung").credit(CREDIT).description(CAPTION).build(),
                List.of(new Rendition("thumb", 100, 60, jpeg.length, "image/jpeg", ObjectKeys.rendition(id, "thumb", "jpg")))));
        await(() -> status(bed.getBytes("/v1/images/" + id, editorKey)) == 200
                && body(bed.getBytes("/v1/images/" + id, editorKey)).contains("\"ready\""));
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    @Test
    void a_downloaded_rendition_carries_the_record_caption_and_credit_in_xmp_and_iim_with_a_matching_digest() throws Exception {
        HttpResponse<byte[]> download = bed.getBytes("/v1/images/" + id + "/renditions/thumb?download=1", null);

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(download.headers().firstValue("Cache-Control")).hasValue("private, no-store");
        assertThat(download.headers().firstValue("ETag")).isEmpty();
        assertThat(download.headers().firstValue("X-Archive-Metadata")).hasValue("written");
        assertThat(download.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"Mua_Ha_Noi-thumb.jpg\"; filename*=UTF-8''M%C6%B0a%20H%C3%A0%20N%E1%BB%99i-thumb.jpg");
        assertThat(download.headers().firstValue("Content-Length")).hasValue(Integer.toString(download.body().length));

        byte[] file = download.body();
        XMPMeta xmp = xmp(file);
        assertThat(xmp.getLocalizedText(XMPConst.NS_DC, "description", null, XMPConst.X_DEFAULT).getValue()).isEqualTo(CAPTION);
        assertThat(xmp.getPropertyString(XMPConst.NS_PHOTOSHOP, "Credit")).isEqualTo(CREDIT);
        Map<Integer, byte[]> resources = photoshopResources(file);
        Map<Integer, String> iim = iimTexts(resources.get(0x0404));
        assertThat(iim.get(120)).isEqualTo(CAPTION);
        assertThat(iim.get(110)).isEqualTo(CREDIT);
        assertThat(iim.get(80)).isEqualTo("Trần Trung");
        assertThat(resources.get(0x0425)).isEqualTo(MessageDigest.getInstance("MD5").digest(resources.get(0x0404)));
    }

    @Test
    void the_public_picture_is_not_a_download_and_the_stored_bytes_never_change() throws Exception {
        bed.getBytes("/v1/images/" + id + "/renditions/thumb?download=1", null);

        HttpResponse<byte[]> plain = bed.getBytes("/v1/images/" + id + "/renditions/thumb", null);

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
        assertThat(bed.store().readAll(ObjectKeys.rendition(id, "thumb", "jpg")).orElseThrow()).isEqualTo(jpeg);
        assertThat(plain.headers().firstValue("ETag")).isPresent();
        assertThat(plain.headers().firstValue("Content-Disposition")).isEmpty();
        assertThat(bed.store().readAll(ObjectKeys.original(id)).orElseThrow()).isEqualTo(jpeg);
    }

    @Test
    void a_downloaded_original_needs_an_editor_key_and_carries_an_edit_made_after_processing() throws Exception {
        assertThat(bed.getBytes("/v1/images/" + id + "/original?download=1", null).statusCode()).isEqualTo(401);
        String edited = "Children play in the first monsoon rain in Dhaka";
        bed.publish(Topics.EDITS, new ImageEdited(id, MORNING.plusSeconds(60), "picture desk", Map.of("description", edited)));
        await(() -> body(bed.getBytes("/v1/images/" + id, editorKey)).contains(edited));

        HttpResponse<byte[]> download = bed.getBytes("/v1/images/" + id + "/original?download=1", editorKey);

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Cache-Control")).hasValue("private, no-store");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment; filename=\"Mua_Ha_Noi-original.jpg\"");
        assertThat(iimTexts(photoshopResources(download.body()).get(0x0404)).get(120)).isEqualTo(edited);
        assertThat(xmp(download.body()).getLocalizedText(XMPConst.NS_DC, "description", null, XMPConst.X_DEFAULT).getValue())
                .isEqualTo(edited);
        assertThat(bed.getBytes("/v1/images/" + id + "/original", editorKey).body()).isEqualTo(jpeg);
    }

    @Test
    void an_unknown_download_value_is_a_json_error() throws Exception {
        HttpResponse<byte[]> refused = bed.getBytes("/v1/images/" + id + "/renditions/thumb?download=yes", null);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("\"error\"");
    }

    /** The JPEG's XMP packet, read with XMPCore from its APP1 segment. */
    private static XMPMeta xmp(byte[] jpeg) throws Exception {
        byte[] header = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII);
        for (byte[] segment : segments(jpeg, 0xe1)) {
            if (Arrays.equals(segment, 0, header.length, header, 0, header.length)) {
                return XMPMetaFactory.parseFromBuffer(Arrays.copyOfRange(segment, header.length, segment.length));
            }
        }
        throw new AssertionError("no XMP in the download");
    }

    /** The Photoshop resources of the JPEG's APP13 segment, by id. */
    private static Map<Integer, byte[]> photoshopResources(byte[] jpeg) {
        Map<Integer, byte[]> resources = new HashMap<>();
        for (byte[] segment : segments(jpeg, 0xed)) {
            int at = "Photoshop 3.0\0".length();
            while (at + 12 <= segment.length) {
                int resource = (segment[at + 4] & 0xff) << 8 | segment[at + 5] & 0xff;
                at += 6 + (((segment[at + 6] & 0xff) + 2) & ~1);
                int size = (segment[at] & 0xff) << 24 | (segment[at + 1] & 0xff) << 16 | (segment[at + 2] & 0xff) << 8 | segment[at + 3] & 0xff;
                at += 4;
                resources.put(resource, Arrays.copyOfRange(segment, at, at + size));
                at += size + (size & 1);
            }
        }
        return resources;
    }

    /** Record 2 datasets of an IIM block as UTF-8 texts (the first of each number). */
    private static Map<Integer, String> iimTexts(byte[] iim) {
        assertThat(iim).as("IIM block").isNotNull();
        Map<Integer, String> texts = new HashMap<>();
        int at = 0;
        while (at + 5 <= iim.length && iim[at] == 0x1c) {
            int length = (iim[at + 3] & 0xff) << 8 | iim[at + 4] & 0xff;
            if (iim[at + 1] == 2) {
                texts.putIfAbsent(iim[at + 2] & 0xff, new String(iim, at + 5, length, StandardCharsets.UTF_8));
            }
            at += 5 + length;
        }
        return texts;
    }

    /** The payloads of the JPEG's segments with {@code marker}, up to the image data. */
    private static List<byte[]> segments(byte[] jpeg, int marker) {
        List<byte[]> found = new ArrayList<>();
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xff) == 0xff && (jpeg[at + 1] & 0xff) != 0xda) {
            int length = (jpeg[at + 2] & 0xff) << 8 | jpeg[at + 3] & 0xff;
            if ((jpeg[at + 1] & 0xff) == marker) {
                found.add(Arrays.copyOfRange(jpeg, at + 4, at + 2 + length));
            }
            at += 2 + length;
        }
        return found;
    }

    private static int status(HttpResponse<byte[]> response) {
        return response.statusCode();
    }

    private static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
