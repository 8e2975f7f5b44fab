package dev.klaxon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailSubjectTest {

    @Test
    void aTitleWithLineBreaksStaysOneHeaderLine() {
        String hostile = "[SEV1] Checkout down\r\nBcc: victim@example.com\n\tX-Spam: yes";

        String subject = EmailSender.subject(hostile);

        assertThat(subject).doesNotContain("\r", "\n", "\t").isEqualTo("[SEV1] Checkout down Bcc: victim@example.com X-Spam: yes");
        assertThat(EmailSender.subject("[SEV2] Checkout failing for EU customers")).isEqualTo("[SEV2] Checkout failing for EU customers");
    }
}
