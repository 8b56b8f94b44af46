package media.archive.platform.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import media.archive.embedded.EmbeddedS3;
import media.archive.platform.config.S3Settings;
import media.archive.platform.config.Settings;
import media.archive.platform.storage.ObjectStore;
import media.archive.platform.storage.StorageException;
import media.archive.testkit.Infrastructure;
import media.archive.testkit.RealInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(RealInfrastructure.class)
class AccessKeysIT {
    private static ObjectStore store;

    @BeforeAll
    static void connect(Infrastructure infra) {
        store = new ObjectStore(S3Settings.from(Settings.of(infra.environment())));
        store.ensureBucket();
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void an_issued_key_authenticates_as_its_holder_in_another_service() {
        AccessKeys ingestSide = new AccessKeys(store);
        AccessKeys apiSide = new AccessKeys(store);

        AccessKeys.IssuedKey issued = apiSide.issue("Trần Trung", Role.PHOTOGRAPHER);

        assertThat(issued.key()).startsWith("ak_");
        assertThat(ingestSide.authenticate(issued.key())).contains(new Principal("Trần Trung", Role.PHOTOGRAPHER));
    }

    @Test
    void the_key_itself_is_never_stored() throws Exception {
        AccessKeys keys = new AccessKeys(store);
        String key = keys.issue("desk", Role.EDITOR).key();

        assertThat(store.stat("access-keys/" + key)).isEmpty();
        byte[] stored = store.readAll("access-keys/" + AccessKeys.hash(key)).orElseThrow();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(key);
    }

    @Test
    void unknown_malformed_and_absurd_keys_are_refused() {
        AccessKeys keys = new AccessKeys(store);

        assertThat(keys.authenticate("ak_" + "A".repeat(43))).isEmpty();
        assertThat(keys.authenticate("not a key")).isEmpty();
        assertThat(keys.authenticate("")).isEmpty();
        assertThat(keys.authenticate(null)).isEmpty();
        assertThat(keys.authenticate("x".repeat(10_000))).isEmpty();
    }

    @Test
    void names_must_be_plain_text() {
        AccessKeys keys = new AccessKeys(store);

        assertThatThrownBy(() -> keys.issue("<script>", Role.EDITOR)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.issue(" ", Role.EDITOR)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_generated_admin_key_is_kept_in_the_data_directory_and_printed_only_once(@TempDir Path data) throws Exception {
        AccessKeys keys = new AccessKeys(store);

        Optional<String> first = AdminBootstrap.ensureAdminKey(keys, Optional.empty(), data);
        Optional<String> second = AdminBootstrap.ensureAdminKey(new AccessKeys(store), Optional.empty(), data);

        assertThat(first).isPresent();
        assertThat(second).isEmpty();
        assertThat(Files.readString(data.resolve("admin.key")).strip()).isEqualTo(first.get());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("admin.key")))).isEqualTo("rw-------");
        assertThat(new AccessKeys(store).authenticate(first.get())).map(Principal::role).contains(Role.ADMIN);
    }

    @Test
    void the_operator_key_from_the_environment_is_an_admin_key() {
        AccessKeys keys = new AccessKeys(store);

        AdminBootstrap.ensureAdminKey(keys, Optional.of("operator-secret"), Path.of("/nonexistent"));

        assertThat(keys.authenticate("operator-secret")).map(Principal::role).contains(Role.ADMIN);
        assertThat(keys.authenticate("operator-secreT")).isEmpty();
    }

    @Test
    void a_key_revoked_in_one_service_is_refused_by_another_within_a_second() throws Exception {
        AccessKeys keyRoutesSide = new AccessKeys(store);
        AccessKeys ingestSide = new AccessKeys(store);
        String key = keyRoutesSide.issue("leaving photographer", Role.PHOTOGRAPHER).key();
        assertThat(ingestSide.authenticate(key)).isPresent();

        assertThat(keyRoutesSide.revoke("leaving photographer")).isEqualTo(1);
        long revoked = System.nanoTime();
        while (ingestSide.authenticate(key).isPresent() && System.nanoTime() - revoked < 5_000_000_000L) {
            Thread.sleep(20);
        }

        assertThat(keyRoutesSide.authenticate(key)).isEmpty();
        assertThat(ingestSide.authenticate(key)).isEmpty();
        assertThat((System.nanoTime() - revoked) / 1_000_000).as("ms until the other service refused the key").isLessThan(1000);
    }

    @Test
    void while_the_bucket_is_down_a_key_seen_before_still_works_and_an_unseen_one_is_unavailable(@TempDir Path s3Dir)
            throws Exception {
        EmbeddedS3 s3 = new EmbeddedS3(s3Dir, 0, "outage-access", "outage-secret-key").start();
        ObjectStore outageStore = new ObjectStore(S3Settings.from(Settings.of(Map.of(
                "S3_ENDPOINT", s3.endpoint(), "S3_ACCESS_KEY", s3.accessKey(), "S3_SECRET_KEY", s3.secretKey(),
                "S3_BUCKET", "outage"))));
        try {
            outageStore.ensureBucket();
            AccessKeys issuing = new AccessKeys(outageStore);
            String seen = issuing.issue("editor on shift", Role.EDITOR).key();
            String unseen = issuing.issue("editor off shift", Role.EDITOR).key();
            AccessKeys serving = new AccessKeys(outageStore);
            assertThat(serving.authenticate(seen)).map(Principal::name).contains("editor on shift");

            s3.close();
            Thread.sleep(AccessKeys.CACHE_MILLIS + 100);

            assertThat(serving.authenticate(seen)).map(Principal::name).contains("editor on shift");
            assertThatThrownBy(() -> serving.authenticate(unseen)).isInstanceOf(StorageException.class);
        } finally {
            s3.close();
            outageStore.close();
        }
    }
}
