package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalSafeWriterTest {

    private static String printed(String text) {
        StringWriter terminal = new StringWriter();
        try (PrintWriter out = new PrintWriter(new TerminalSafeWriter(terminal))) {
            out.print(text);
        }
        return terminal.toString();
    }

    @Test
    void controlCharactersArePrintedAsEscapesNeverSent() {
        String printed = printed("db \u001b[2J\u001b]0;owned\u0007 down\u009b31m\r\u0000 end");

        assertThat(printed).isEqualTo("db \\x1b[2J\\x1b]0;owned\\x07 down\\u009b31m\\x0d\\x00 end");
        assertThat(printed.chars()).allMatch(c -> c >= 0x20 && c < 0x7F);
    }

    @Test
    void bidirectionalOverridesCannotReorderALine() {
        assertThat(printed("approve \u202Edelete-all\u202C")).isEqualTo("approve \\u202edelete-all\\u202c");
    }

    @Test
    void linesTabsAndOrdinaryTextPass() {
        String text = "| AI-1 | Fix the pool | bob@example.com |\n\tZürich 🔥 — 東京\n";

        assertThat(printed(text)).isEqualTo(text);
    }
}
