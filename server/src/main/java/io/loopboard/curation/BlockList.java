package io.loopboard.curation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words that flag a quote and stop auto-approval: the shipped English and Swedish lists plus
 * the moderators' own words. A language's list applies to feedback in that language; feedback
 * in another or no language is checked against every list. Entries are whole words (or
 * phrases); a trailing {@code *} matches any word that starts with the entry.
 */
public final class BlockList {

    public static final Map<String, List<String>> SHIPPED = Map.of(
            "en", load("/curation/blocklist-en.txt"),
            "sv", load("/curation/blocklist-sv.txt"));

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}'’-]+");

    private final Map<String, List<String>> byLanguage;
    private final List<String> extra;

    public BlockList(Map<String, List<String>> byLanguage, Collection<String> extra) {
        this.byLanguage = Map.copyOf(byLanguage);
        this.extra = extra.stream().map(w -> w.strip().toLowerCase(Locale.ROOT)).filter(w -> !w.isEmpty()).toList();
    }

    /** The blocked words of the text, in lower case, without repeats. */
    public List<String> flagged(String text, String language) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String lang = language == null ? "" : language.toLowerCase(Locale.ROOT).split("-")[0];
        List<String> entries = new ArrayList<>(extra);
        if (byLanguage.containsKey(lang)) {
            entries.addAll(byLanguage.get(lang));
        } else {
            byLanguage.values().forEach(entries::addAll);
        }
        String lower = text.toLowerCase(Locale.ROOT);
        Set<String> hits = new LinkedHashSet<>();
        Matcher m = WORD.matcher(lower);
        List<int[]> words = new ArrayList<>();
        while (m.find()) {
            words.add(new int[] {m.start(), m.end()});
        }
        for (String entry : entries) {
            boolean prefix = entry.endsWith("*");
            String e = prefix ? entry.substring(0, entry.length() - 1) : entry;
            if (e.contains(" ")) {
                Matcher pm = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(e) + (prefix ? "" : "(?![\\p{L}\\p{N}])")).matcher(lower);
                if (pm.find()) {
                    hits.add(lower.substring(pm.start(), pm.end()));
                }
                continue;
            }
            for (int[] w : words) {
                String word = lower.substring(w[0], w[1]);
                if (prefix ? word.startsWith(e) : word.equals(e)) {
                    hits.add(lower.substring(w[0], w[1]));
                }
            }
        }
        return List.copyOf(hits);
    }

    private static List<String> load(String resource) {
        try (InputStream in = BlockList.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
