package media.archive.platform.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleTest {
    @Test
    void each_role_may_do_what_the_roles_below_it_may_and_no_more() {
        assertThat(Role.PHOTOGRAPHER.allows(Role.PHOTOGRAPHER)).isTrue();
        assertThat(Role.PHOTOGRAPHER.allows(Role.EDITOR)).isFalse();
        assertThat(Role.EDITOR.allows(Role.PHOTOGRAPHER)).isTrue();
        assertThat(Role.EDITOR.allows(Role.ADMIN)).isFalse();
        assertThat(Role.ADMIN.allows(Role.EDITOR)).isTrue();
        assertThat(Role.ADMIN.allows(Role.PHOTOGRAPHER)).isTrue();
    }
}
