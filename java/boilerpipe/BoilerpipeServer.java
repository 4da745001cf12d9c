// boilerbench's Boilerpipe engine: the original Java Boilerpipe (Kohlschütter et al.,
// Debian's libboilerpipe-java) speaking the boilerbench engine protocol
// (benchmark/engines/protocol.py): one JSON object per line on stdin and stdout.
//
// First line out: the handshake {"protocol": "boilerbench-engine/1", "name", "version",
// "options"}; the version is read from the installed jar's file name. Then for each
// request {"id", "html", "url"} one reply {"id", "text"} or {"id", "error"}: the text of
// ArticleExtractor.INSTANCE.getText(html), the extractor boilerpy3 ports. Ends when
// stdin closes. Compiled once by `boilerbench setup-engines` (javac), never at run time.
import de.l3s.boilerpipe.extractors.ArticleExtractor;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class BoilerpipeServer {
    private BoilerpipeServer() {}

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        ArticleExtractor extractor = ArticleExtractor.INSTANCE;
        out.print("{\"protocol\":\"boilerbench-engine/1\",\"name\":\"boilerpipe\",\"version\":"
                + quote(version()) + ",\"options\":{\"extractor\":\"ArticleExtractor\",\"java\":"
                + quote(System.getProperty("java.version")) + "}}\n");
        out.flush();
        String line;
        while ((line = in.readLine()) != null) {
            Object id = null;
            String reply;
            try {
                Map<String, Object> request = new Json(line).object();
                id = request.get("id");
                Object html = request.get("html");
                String text = extractor.getText(html == null ? "" : html.toString());
                reply = "\"text\":" + quote(text == null ? "" : text);
            } catch (Throwable error) { // StackOverflowError on deep pages too: this page fails
                String message = error.getClass().getSimpleName() + ": " + error.getMessage();
                reply = "\"error\":" + quote(message.split("\n")[0]);
            }
            String idJson = id == null ? "null" : (id instanceof String ? quote((String) id) : id.toString());
            out.print("{\"id\":" + idJson + "," + reply + "}\n");
            out.flush();
        }
    }

    /** "1.2.0" from the jar's real file name (boilerpipe.jar -> boilerpipe-1.2.0.jar). */
    static String version() {
        try {
            File jar = new File(ArticleExtractor.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI()).getCanonicalFile();
            Matcher m = Pattern.compile("boilerpipe-([0-9][0-9A-Za-z.\\-]*)\\.jar").matcher(jar.getName());
            return m.matches() ? m.group(1) : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"').toString();
    }

    /** Just enough JSON for a request: an object of strings, numbers, booleans, null. */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) { this.s = s; }

        Map<String, Object> object() {
            Map<String, Object> map = new LinkedHashMap<>();
            expect('{');
            if (peek() == '}') { i++; return map; }
            while (true) {
                String key = string();
                expect(':');
                map.put(key, value());
                char c = next();
                if (c == '}') return map;
                if (c != ',') throw new IllegalArgumentException("expected , or } at " + i);
            }
        }

        private Object value() {
            char c = peek();
            if (c == '"') return string();
            if (c == '{') return object();
            int start = i;
            while (i < s.length() && ",}] \t\r\n".indexOf(s.charAt(i)) < 0) i++;
            String word = s.substring(start, i);
            if (word.equals("null")) return null;
            if (word.equals("true") || word.equals("false")) return Boolean.valueOf(word);
            try {
                return Long.valueOf(word);
            } catch (NumberFormatException e) {
                return Double.valueOf(word);
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c != '\\') { b.append(c); continue; }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n': b.append('\n'); break;
                    case 't': b.append('\t'); break;
                    case 'r': b.append('\r'); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                    default: b.append(e);
                }
            }
        }

        private char peek() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
            if (i >= s.length()) throw new IllegalArgumentException("unexpected end of JSON");
            return s.charAt(i);
        }

        private char next() { char c = peek(); i++; return c; }

        private void expect(char c) {
            if (next() != c) throw new IllegalArgumentException("expected " + c + " at " + (i - 1));
        }
    }
}
