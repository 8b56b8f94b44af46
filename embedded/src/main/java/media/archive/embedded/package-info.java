/**
 * Real infrastructure inside the JVM, for running the archive on one machine and for tests:
 * {@link media.archive.embedded.EmbeddedKafka}, a Kafka broker and controller in KRaft mode,
 * and {@link media.archive.embedded.EmbeddedS3}, an S3 server (s3proxy) storing objects on the
 * local file system. Both keep their data in a directory and survive restarts; both listen on
 * loopback only, on ports {@link media.archive.embedded.LoopbackPorts} finds.
 */
package media.archive.embedded;
