package io.loopboard.feedback.ingest;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;

/**
 * What a spreadsheet program's CSV file is, before it is parsed: its character set and
 * delimiter. Swedish Excel saves semicolon-separated Windows-1252 or UTF-8 with a byte order
 * mark; other tools save UTF-8 with commas; "Unicode text" is UTF-16 with tabs.
 */
final class CsvFiles {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private CsvFiles() {
    }

    /** A character set and how many bytes of byte order mark to skip. */
    record Encoding(Charset charset, int bomBytes, boolean damaged) {
        Encoding(Charset charset, int bomBytes) {
            this(charset, bomBytes, false);
        }

        String label() {
            String name = charset == WINDOWS_1252 ? "windows-1252" : charset.name();
            return bomBytes > 0 ? name + " (BOM)" : damaged ? name + " (with invalid bytes)" : name;
        }
    }

    /**
     * UTF-16 and UTF-8 by their byte order mark; otherwise UTF-8 if every byte above 127 is
     * part of a well-formed UTF-8 sequence, Windows-1252 if none is or the broken sequences
     * outnumber the well-formed ones (a Windows-1252 file's å, ä and ö are broken UTF-8, and
     * only a few letter pairs form a UTF-8 sequence by chance), and damaged UTF-8 when a few
     * broken sequences are among many well-formed ones (a row pasted from elsewhere).
     */
    static Encoding detect(Path file) throws IOException {
        byte[] head = new byte[3];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 3);
        }
        if (n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return new Encoding(StandardCharsets.UTF_8, 3);
        }
        if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return new Encoding(StandardCharsets.UTF_16LE, 2);
        }
        if (n >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return new Encoding(StandardCharsets.UTF_16BE, 2);
        }
        long[] seen = utf8Sequences(file);
        if (seen[1] == 0) {
            return new Encoding(StandardCharsets.UTF_8, 0);
        }
        if (seen[0] == 0 || seen[1] > seen[0]) {
            // Windows-1252 text holds byte pairs that are well-formed UTF-8 by chance ("Ä”" is C4 94,
            // UTF-8 for "Ĕ"), but far fewer than the bytes that are not
            return new Encoding(WINDOWS_1252, 0);
        }
        // Mostly UTF-8 with a few broken bytes (a row pasted from another program): reading it
        // all as Windows-1252 would garble every å in the good rows, so it is read as UTF-8
        // and only the broken bytes become U+FFFD, which the validator rejects row by row.
        return new Encoding(StandardCharsets.UTF_8, 0, true);
    }

    /**
     * {valid, invalid} multi-byte UTF-8 sequences of the file, by a strict scan of its bytes
     * (in blocks: a file of a million rows is read in a fraction of a second).
     */
    static long[] utf8Sequences(Path file) throws IOException {
        long valid = 0;
        long invalid = 0;
        int need = 0; // continuation bytes still expected by the sequence being read
        byte[] block = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(block); n >= 0; n = in.read(block)) {
                for (int i = 0; i < n; i++) {
                    int b = block[i] & 0xFF;
                    if (need > 0) {
                        if (b >= 0x80 && b <= 0xBF) {
                            if (--need == 0) {
                                valid++;
                            }
                            continue;
                        }
                        invalid++; // the byte that broke the sequence starts the next one
                        need = 0;
                    }
                    if (b >= 0x80) {
                        need = b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : 0;
                        if (need == 0) {
                            invalid++;
                        }
                    }
                }
            }
        }
        if (need > 0) {
            invalid++; // cut off by the end of the file
        }
        return new long[] {valid, invalid};
    }

    /**
     * The delimiter of a header line: the most frequent of comma, semicolon and tab outside
     * quotes (comma when none occurs).
     */
    static char delimiter(String headerLine) {
        int comma = 0;
        int semicolon = 0;
        int tab = 0;
        boolean quoted = false;
        for (int i = 0; i < headerLine.length(); i++) {
            char c = headerLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                if (c == ',') {
                    comma++;
                } else if (c == ';') {
                    semicolon++;
                } else if (c == '\t') {
                    tab++;
                }
            }
        }
        if (tab > comma && tab > semicolon) {
            return '\t';
        }
        return semicolon > comma ? ';' : ',';
    }

    /** Excel's "sep=;" first line names the delimiter; null when the line is not one. */
    static Character sepLine(String firstLine) {
        if (firstLine != null && firstLine.length() == 5 && firstLine.regionMatches(true, 0, "sep=", 0, 4)) {
            return firstLine.charAt(4);
        }
        return null;
    }

    static String describe(char delimiter) {
        return switch (delimiter) {
            case '\t' -> "tab";
            case ';' -> "semicolon";
            case ',' -> "comma";
            default -> String.valueOf(delimiter);
        };
    }

    /** Counts the bytes read, for progress. */
    static final class CountingInputStream extends FilterInputStream {
        private volatile long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }

        long count() {
            return count;
        }
    }

    /** A CSV stream ready to parse: its delimiter, and 1 when an Excel "sep=" line was skipped (for line numbers). */
    record Opened(char delimiter, long lineOffset, CSVParser parser) {
    }

    /**
     * Opens a CSV stream in its character set, past its byte order mark and an Excel "sep=" line,
     * with the delimiter of its first line; blank lines are kept, so line numbers stay true.
     */
    static Opened open(InputStream in, Encoding encoding) throws IOException {
        in.skipNBytes(encoding.bomBytes());
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, encoding.charset()), 1 << 16);
        String first = peekLine(reader);
        long lineOffset = 0;
        Character delimiter = sepLine(first);
        if (delimiter != null) {
            reader.readLine();
            lineOffset = 1;
        } else {
            delimiter = delimiter(first == null ? "" : first);
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get();
        return new Opened(delimiter, lineOffset, CSVParser.builder().setReader(reader).setFormat(format).get());
    }

    /** Reads the first line without consuming it. */
    static String peekLine(BufferedReader r) throws IOException {
        r.mark(1 << 20);
        String line = r.readLine();
        r.reset();
        return line;
    }

}
