package io.loopboard.curation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
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

    /** Besides letters and numbers, what a word of the lists may contain ("don't", "e-post"). */
    private static final String ALSO_IN_WORDS = "'’-";

    /** A phrase entry: the text a match contains, and the pattern that finds it as whole words. */
    private record Phrase(String text, Pattern pattern) {
    }

    /**
     * The entries of one language's lists (with the moderators' own), prepared once for matching:
     * whole words in a set, prefixes by their first character, phrases with their patterns.
     */
    private record Compiled(Set<String> words, Map<Character, List<String>> prefixes, List<Phrase> phrases) {
        static Compiled of(Collection<String> entries) {
            Set<String> words = new HashSet<>();
            Map<Character, List<String>> prefixes = new HashMap<>();
            List<Phrase> phrases = new ArrayList<>();
            for (String entry : entries) {
                boolean prefix = entry.endsWith("*");
                String e = prefix ? entry.substring(0, entry.length() - 1) : entry;
                if (e.isEmpty()) {
                    continue;
                }
                if (e.contains(" ")) {
                    phrases.add(new Phrase(e, Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(e)
                            + (prefix ? "" : "(?![\\p{L}\\p{N}])"))));
                } else if (prefix) {
                    prefixes.computeIfAbsent(e.charAt(0), c -> new ArrayList<>()).add(e);
                } else {
                    words.add(e);
                }
            }
            return new Compiled(Set.copyOf(words), Map.copyOf(prefixes), List.copyOf(phrases));
        }
    }

    private final Map<String, Compiled> byLanguage = new HashMap<>();
    private final Compiled everyList;

    public BlockList(Map<String, List<String>> byLanguage, Collection<String> extra) {
        List<String> own = extra.stream().map(w -> w.strip().toLowerCase(Locale.ROOT)).filter(w -> !w.isEmpty()).toList();
        List<String> all = new ArrayList<>(own);
        byLanguage.forEach((lang, entries) -> {
            List<String> these = new ArrayList<>(own);
            these.addAll(entries);
            this.byLanguage.put(lang, Compiled.of(these));
            all.addAll(entries);
        });
        this.everyList = Compiled.of(all);
    }

    /** The blocked words of the text, in lower case, without repeats, in the order they occur. */
    public List<String> flagged(String text, String language) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String lang = language == null ? "" : language.toLowerCase(Locale.ROOT).split("-")[0];
        Compiled lists = byLanguage.getOrDefault(lang, everyList);
        String lower = text.toLowerCase(Locale.ROOT);
        Set<String> hits = new LinkedHashSet<>();
        for (String word : QuoteAnalyzer.runs(lower, ALSO_IN_WORDS)) {
            if (lists.words().contains(word)) {
                hits.add(word);
                continue;
            }
            for (String prefix : lists.prefixes().getOrDefault(word.charAt(0), List.of())) {
                if (word.startsWith(prefix)) {
                    hits.add(word);
                    break;
                }
            }
        }
        for (Phrase phrase : lists.phrases()) {
            if (!lower.contains(phrase.text())) {
                continue; // the pattern cannot match: skip running it
            }
            Matcher pm = phrase.pattern().matcher(lower);
            if (pm.find()) {
                hits.add(lower.substring(pm.start(), pm.end()));
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
