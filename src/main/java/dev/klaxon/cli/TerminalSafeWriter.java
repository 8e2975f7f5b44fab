package dev.klaxon.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Everything the plugin prints passes through here, so that text from a tenant (an incident
 * title, a review, an action item) cannot drive the reader's terminal: control characters are
 * printed as escapes ({@code \x1b}, {@code \u009b}) rather than sent, and so are the Unicode
 * bidirectional overrides that can make a line read other than it is. Line breaks and tabs pass.
 */
final class TerminalSafeWriter extends FilterWriter {

    TerminalSafeWriter(Writer out) {
        super(out);
    }

    static boolean isSafe(char c) {
        if (c == '\n' || c == '\t') {
            return true;
        }
        boolean control = c < 0x20 || (c >= 0x7F && c <= 0x9F);
        boolean bidi = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
        return !control && !bidi;
    }

    static String escape(char c) {
        return c < 0x80 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c);
    }

    @Override
    public void write(int c) throws IOException {
        if (isSafe((char) c)) {
            out.write(c);
        } else {
            out.write(escape((char) c));
        }
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(buffer[i]);
        }
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(text.charAt(i));
        }
    }
}
