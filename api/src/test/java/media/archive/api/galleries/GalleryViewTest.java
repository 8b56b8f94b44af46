package media.archive.api.galleries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import media.archive.contracts.GalleryDeleted;
import media.archive.contracts.GalleryEvent;
import media.archive.contracts.GalleryId;
import media.archive.contracts.GalleryItem;
import media.archive.contracts.GallerySaved;
import media.archive.contracts.ImageId;
import org.junit.jupiter.api.Test;

class GalleryViewTest {
    private static final Instant MORNING = Instant.parse("2025-10-25T08:00:00Z");
    private static final GalleryId ID = GalleryId.parse("abcdefghijklmnopqrst");
    private static final ImageId A = ImageId.parse("a".repeat(64));
    private static final ImageId B = ImageId.parse("b".repeat(64));

    private final GalleryView view = new GalleryView();

    @Test
    void the_latest_save_is_the_gallery() {
        view.apply(saved(ID, 1, "Hanoi", MORNING, A, B));
        view.apply(saved(ID, 2, "Hanoi, reordered", MORNING, B, A));

        assertThat(view.find(ID)).get().isInstanceOfSatisfying(GallerySaved.class, g -> {
            assertThat(g.title()).isEqualTo("Hanoi, reordered");
            assertThat(g.items()).extracting(GalleryItem::image).containsExactly(B, A);
        });
    }

    @Test
    void a_save_read_twice_or_late_changes_nothing_and_the_first_of_one_version_wins() {
        GallerySaved second = saved(ID, 2, "second", MORNING, A);
        view.apply(saved(ID, 1, "first", MORNING, A));
        view.apply(second);
        view.apply(saved(ID, 2, "another replica's second", MORNING, B));
        view.apply(saved(ID, 1, "first, read again", MORNING, A));

        assertThat(view.find(ID)).contains(second);
    }

    @Test
    void a_deletion_is_final() {
        view.apply(saved(ID, 1, "Hanoi", MORNING, A));
        GalleryDeleted deleted = new GalleryDeleted(ID, 2, MORNING.plusSeconds(60), "desk");
        view.apply(deleted);
        view.apply(saved(ID, 3, "saved after the deletion crossed it", MORNING, A));

        assertThat(view.find(ID)).contains(deleted);
        assertThat(view.size()).isZero();
        assertThat(view.newestFirst(null, 10).galleries()).isEmpty();
    }

    @Test
    void a_record_without_value_forgets_the_gallery() {
        view.apply(saved(ID, 1, "Hanoi", MORNING, A));

        view.forget(ID);

        assertThat(view.find(ID)).isEmpty();
    }

    @Test
    void galleries_are_listed_newest_first_page_by_page() {
        List<GallerySaved> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            GallerySaved gallery = saved(GalleryId.random(), 1, "gallery " + i, MORNING.plusSeconds(i), A);
            made.add(gallery);
            view.apply(gallery);
        }

        GalleryView.Page first = view.newestFirst(null, 2);
        GalleryView.Page second = view.newestFirst(first.next(), 2);
        GalleryView.Page last = view.newestFirst(second.next(), 2);

        assertThat(first.galleries()).containsExactly(made.get(4), made.get(3));
        assertThat(second.galleries()).containsExactly(made.get(2), made.get(1));
        assertThat(last.galleries()).containsExactly(made.get(0));
        assertThat(last.next()).isNull();
    }

    @Test
    void a_tampered_cursor_is_refused_as_the_cursor_field() {
        assertThatThrownBy(() -> view.newestFirst("not-a-cursor!", 2))
                .isInstanceOfSatisfying(GalleryRefused.class, e -> assertThat(e.field()).isEqualTo("cursor"));
    }

    @Test
    void a_waiter_sees_the_change_applied_from_another_thread() throws Exception {
        Thread reader = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            view.apply(saved(ID, 1, "Hanoi", MORNING, A));
        });
        reader.start();

        Optional<GalleryEvent> seen = view.await(ID, e -> e.version() >= 1, Duration.ofSeconds(5));

        reader.join();
        assertThat(seen).get().extracting(GalleryEvent::version).isEqualTo(1);
    }

    private static GallerySaved saved(GalleryId id, int version, String title, Instant createdAt, ImageId... images) {
        List<GalleryItem> items = new ArrayList<>();
        for (ImageId image : images) {
            items.add(new GalleryItem(image, null, null));
        }
        return new GallerySaved(id, version, title, null, "bn", items, createdAt, "desk", createdAt.plusSeconds(version), "desk");
    }
}
