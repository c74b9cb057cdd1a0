package io.loopboard.curation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The word lists: whole words, prefixes and phrases, per language, with the moderators' own words. */
class BlockListTest {

    private static final BlockList LISTS = new BlockList(BlockList.SHIPPED, List.of("Konkurrent*", "dålig kaffe", "  "));

    @ParameterizedTest(name = "[{0}] {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            // a Swedish word in Swedish feedback, in any case, and only as a whole word
            "sv | Jävla bra service!                          | jävla",
            "sv | JÄVLA bra service                           | jävla",
            "sv | Fantastiskt bemötande                       | ''",
            // a prefix entry takes every word that starts with it, and says which word it was
            "sv | Skitbra app men skitdålig kundtjänst        | skitbra,skitdålig",
            // the moderators' own words apply to every language; a phrase matches as a phrase
            "en | Better than Konkurrenten AB, honestly       | konkurrenten",
            "sv | Bra personal men dålig kaffe i väntrummet   | dålig kaffe",
            "sv | Dålig kaffebryggare                         | ''",
            // a language without a list of its own is checked against every list
            "de | Das war shit, ehrlich gesagt                | shit",
            "NULL | jävla app                                 | jävla",
            // English feedback is not checked against the Swedish list (\"fan\" is a fan)
            "en | Huge fan of your delivery drivers           | ''",
    })
    void flags_the_blocked_words_of_a_text(String language, String text, String expected) {
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(","));
        assertEquals(want, LISTS.flagged(text, language));
    }
}
