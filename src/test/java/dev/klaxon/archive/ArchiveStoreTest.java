package dev.klaxon.archive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArchiveStoreTest {

    @Test
    void escapedNulCharactersLeaveTheRecordAndEscapedBackslashesStay() {
        // As Jackson writes them: a NUL in a tenant's text is backslash-u0000; a backslash followed by "u0000" is two backslashes.
        String nul = "{\"a\":\"x\\u0000y\"}";
        String backslash = "{\"a\":\"C:\\\\u0000\"}";
        String both = "{\"a\":\"\\\\\\u0000\"}";
        assertThat(ArchiveStore.withoutNul(nul)).isEqualTo("{\"a\":\"xy\"}");
        assertThat(ArchiveStore.withoutNul(backslash)).isEqualTo(backslash);
        assertThat(ArchiveStore.withoutNul(both)).isEqualTo("{\"a\":\"\\\\\"}");
    }
}
