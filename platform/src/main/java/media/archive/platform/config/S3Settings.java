package media.archive.platform.config;

/** The S3 server (MinIO in production) and the bucket that holds originals and renditions. */
public record S3Settings(String endpoint, String accessKey, String secretKey, String bucket, String region) {
    public S3Settings {
        require(endpoint, "endpoint");
        require(accessKey, "accessKey");
        require(secretKey, "secretKey");
        require(bucket, "bucket");
        require(region, "region");
    }

    public static S3Settings from(Settings settings) {
        return new S3Settings(
                settings.text("S3_ENDPOINT", "http://localhost:9000", "S3 endpoint URL (MinIO or any S3 server)"),
                settings.text("S3_ACCESS_KEY", "minioadmin", "S3 access key"),
                settings.text("S3_SECRET_KEY", "minioadmin", "S3 secret key"),
                settings.text("S3_BUCKET", "media-archive", "bucket holding originals, renditions and access keys"),
                settings.text("S3_REGION", "us-east-1", "S3 region used to sign requests"));
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
