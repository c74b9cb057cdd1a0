package io.loopboard.curation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopboard.curation.PiiDetector.Customer;
import io.loopboard.curation.PiiDetector.Finding;
import io.loopboard.curation.PiiDetector.Kind;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each personal-data detector, table-driven: what it must find (with exactly the span it
 * finds) and what it must leave alone: prices, dates, years, times and ordinary numbers.
 */
class PiiDetectorTest {

    private static final PiiDetector DETECTOR = PiiDetector.withDefaults();

    private static List<Finding> find(String text) {
        return DETECTOR.find(text, new Customer("Ingrid Nyström", "ingrid.nystrom@example.se"), "sv");
    }

    @ParameterizedTest(name = "{0} finds {1} ''{2}''")
    @CsvSource(delimiter = '|', textBlock = """
            Mejla mig på anna.k@firma.se så löser vi det      | EMAIL               | anna.k@firma.se
            Write to JOHN_DOE+shop@mail.example.co.uk please  | EMAIL               | JOHN_DOE+shop@mail.example.co.uk
            Kontakta ingrid.nystrom@EXAMPLE.se                | CUSTOMER_EMAIL      | ingrid.nystrom@EXAMPLE.se
            Ring mig på 070-123 45 67 tack                    | PHONE               | 070-123 45 67
            Ring 0701234567 efter fem                         | PHONE               | 0701234567
            Nås på +46 70 123 45 67                           | PHONE               | +46 70 123 45 67
            Nås på +46701234567 dagtid                        | PHONE               | +46701234567
            Nås på 0046 70 123 45 67                          | PHONE               | 0046 70 123 45 67
            Växeln 08-123 456 78 svarar aldrig                | PHONE               | 08-123 456 78
            My UK number is +44 20 7946 0958                  | PHONE               | +44 20 7946 0958
            Call me at +1 650-253-0000 any time               | PHONE               | +1 650-253-0000
            Mitt personnummer är 811218-9876                  | PERSONAL_NUMBER     | 811218-9876
            Mitt personnummer är 19811218-9876                | PERSONAL_NUMBER     | 19811218-9876
            Personnummer 198112189876 stod på lappen          | PERSONAL_NUMBER     | 198112189876
            Personnummer 8112189876 stod på lappen            | PERSONAL_NUMBER     | 8112189876
            Hundraåring 121212+1212 fick vänta                | PERSONAL_NUMBER     | 121212+1212
            Samordningsnummer 701063-2391 godtogs inte        | COORDINATION_NUMBER | 701063-2391
            Samordningsnummer 19701063-2391 godtogs inte      | COORDINATION_NUMBER | 19701063-2391
            Kortet 4111 1111 1111 1111 drogs två gånger       | CARD                | 4111 1111 1111 1111
            Card 5555-5555-5555-4444 was charged twice        | CARD                | 5555-5555-5555-4444
            Order 123456789 kom aldrig fram                   | REFERENCE           | 123456789
            ordernummer: A1234-99 saknas                      | REFERENCE           | A1234-99
            Ärende #77812 är fortfarande öppet                | REFERENCE           | 77812
            Booking ref AB1234567 was lost                    | REFERENCE           | AB1234567
            Se https://example.se/order?id=5 för bevis.       | URL                 | https://example.se/order?id=5
            Kolla www.example.com, där står det               | URL                 | www.example.com
            Ingrid här, tack för hjälpen!                     | CUSTOMER_NAME       | Ingrid
            Hälsningar från fru NYSTRÖM                       | CUSTOMER_NAME       | NYSTRÖM
            """)
    void finds(String text, Kind kind, String span) {
        List<Finding> found = find(text.strip());
        assertEquals(1, found.size(), () -> "one finding in '" + text + "': " + found);
        assertEquals(kind, found.get(0).kind(), () -> text + " → " + found);
        assertEquals(span, found.get(0).text());
    }

    @ParameterizedTest(name = "no false alarm: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Priset var 1 299 kr men borde vara 999 kr
            It cost $1,299.00 and then 49.99 for shipping
            Leveransen kom 2026-11-02 kl 09:14, en vecka sent
            Delivered on 02/11/2026 at 14:30
            Jag har varit kund sedan 1998 och 2024 var bäst
            8 days delivery when competitors ship in 2???
            Väntade 45 minuter i kö, 3 gånger om
            Betalade 12 500 kronor för 2 st, 20 % rabatt
            Rum 1204 på våning 12 var kallt
            Ordern kom fram i tid och paketet var helt
            The case was handled well by support
            Version 10.2.3 of the app crashes on iOS 17
            Öppet 08-17 på vardagar men 10-14 på lördagar
            Great service, ingen kritik alls 😊
            Emailing you was easy and fast
            Kundtjänsten i Malmö var snabb
            """)
    void leaves_ordinary_text_alone(String text) {
        List<Finding> found = find(text.strip());
        assertTrue(found.isEmpty(), () -> "false alarm in '" + text + "': " + found);
    }

    @ParameterizedTest(name = "invalid check digit or date: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Nummer 811218-9875 är fel
            Datum 811318-9876 finns inte
            Kortet 4111 1111 1111 1112 stämmer inte
            """)
    void numbers_that_fail_their_checks_are_not_findings(String text) {
        List<Finding> found = find(text.strip());
        assertTrue(found.stream().noneMatch(f -> f.kind() == Kind.PERSONAL_NUMBER || f.kind() == Kind.CARD),
                () -> text + " → " + found);
    }

    @org.junit.jupiter.api.Test
    void redaction_replaces_each_finding_and_keeps_customer_text_untouched() {
        String text = "Hej! Ingrid här 😊 – ring 070-123 45 67 eller mejla ingrid.nystrom@example.se. Tack, åäö ❤️";
        List<Finding> found = find(text);
        assertEquals(List.of(Kind.CUSTOMER_NAME, Kind.PHONE, Kind.CUSTOMER_EMAIL), found.stream().map(Finding::kind).toList());
        assertEquals("Hej! [namn] här 😊 – ring [telefon] eller mejla [e-post]. Tack, åäö ❤️", PiiDetector.redact(text, found));
    }

    @org.junit.jupiter.api.Test
    void configured_reference_patterns_replace_the_defaults() {
        PiiDetector custom = new PiiDetector(List.of(ReferencePattern.compile("\\bLB-\\d{6}\\b")));
        List<Finding> found = custom.find("Mitt ärende LB-123456 och order 55555", Customer.NONE, "sv");
        assertEquals(1, found.size(), found::toString);
        assertEquals("LB-123456", found.get(0).text());
        assertEquals("[referens]", found.get(0).replacement());
    }
}
