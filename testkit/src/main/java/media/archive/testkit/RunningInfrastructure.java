package media.archive.testkit;

/** The servers of one JVM's test run, closed when the run ends. */
interface RunningInfrastructure extends AutoCloseable {
    String kind();

    String kafkaBootstrapServers();

    String s3Endpoint();

    String s3AccessKey();

    String s3SecretKey();

    @Override
    void close();
}
