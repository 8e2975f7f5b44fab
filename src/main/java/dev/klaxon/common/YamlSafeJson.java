package dev.klaxon.common;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * JSON the API server can also read as YAML. Server-side apply sends
 * {@code application/apply-patch+yaml}, and YAML refuses raw DEL and C1 control characters
 * (U+007F to U+009F) that JSON allows: one tenant's incident title holding them made every status
 * patch of that incident fail, so it was never reconciled. YAML also reads NEL and the Unicode
 * line and paragraph separators as line breaks, folding them into spaces, and a byte order mark
 * as a marker. Escaped, all of them are the same text in both languages.
 */
@Singleton
public class YamlSafeJson implements KubernetesClientObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setCharacterEscapes(ESCAPES);
    }

    static final CharacterEscapes ESCAPES = new CharacterEscapes() {
        private final int[] ascii = asciiEscapes();

        private static int[] asciiEscapes() {
            int[] escapes = CharacterEscapes.standardAsciiEscapesForJSON();
            escapes[0x7F] = CharacterEscapes.ESCAPE_STANDARD;
            return escapes;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            boolean notYaml = (ch >= 0x80 && ch <= 0x9F) || ch == 0x2028 || ch == 0x2029 || ch == 0xFEFF || ch == 0xFFFE || ch == 0xFFFF;
            return notYaml ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    };
}
