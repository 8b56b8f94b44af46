package media.archive.api.index;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import media.archive.contracts.ImageFailed;
import media.archive.contracts.ImageId;
import media.archive.contracts.ImageMetadata;
import media.archive.contracts.ImageProcessed;
import media.archive.contracts.ImageUploaded;
import media.archive.contracts.ObjectKeys;
import media.archive.contracts.Rendition;
import media.archive.contracts.SuppliedMetadata;

/** Events as ingest and the processor publish them, for tests. */
public final class Events {
    private Events() {
    }

    /** A stable image id made from {@code seed}, as if it were the file's content. */
    public static ImageId id(String seed) {
        try {
            return ImageId.fromDigest(MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ImageUploaded uploaded(ImageId id, Instant at) {
        return new ImageUploaded(id, at, "photographer", id.value().substring(0, 8) + ".jpg", "image/jpeg", 12_345, SuppliedMetadata.NONE);
    }

    public static ImageUploaded uploaded(ImageId id, Instant at, SuppliedMetadata supplied) {
        return new ImageUploaded(id, at, "photographer", id.value().substring(0, 8) + ".jpg", "image/jpeg", 12_345, supplied);
    }

    public static ImageProcessed processed(ImageId id, ImageMetadata metadata) {
        return new ImageProcessed(id, Instant.parse("2025-10-25T10:00:00Z"), metadata,
                List.of(new Rendition("thumb", 320, 213, 4_096, "image/jpeg", ObjectKeys.rendition(id, "thumb", "jpg"))));
    }

    public static ImageFailed failed(ImageId id) {
        return new ImageFailed(id, Instant.parse("2025-10-25T10:00:00Z"), ImageFailed.UNDECODABLE, "the file is not a readable image", null);
    }

    public static Metadata metadata() {
        return new Metadata();
    }

    /** Builds the metadata the processor would have read. */
    public static final class Metadata {
        private List<String> creator = List.of();
        private String credit;
        private String description;
        private String headline;
        private String title;
        private List<String> keywords = List.of();
        private String city;
        private String country;

        public Metadata creator(String... names) {
            creator = List.of(names);
            return this;
        }

        public Metadata credit(String value) {
            credit = value;
            return this;
        }

        public Metadata description(String value) {
            description = value;
            return this;
        }

        public Metadata headline(String value) {
            headline = value;
            return this;
        }

        public Metadata title(String value) {
            title = value;
            return this;
        }

        public Metadata keywords(String... values) {
            keywords = List.of(values);
            return this;
        }

        public Metadata place(String cityName, String countryName) {
            city = cityName;
            country = countryName;
            return this;
        }

        public ImageMetadata build() {
            return ImageMetadata.builder().width(1200).height(800).orientation(1)
                    .creator(creator).credit(credit).description(description).headline(headline).title(title)
                    .keywords(keywords).city(city).country(country).build();
        }
    }
}
