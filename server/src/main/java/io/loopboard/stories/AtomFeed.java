package io.loopboard.stories;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The board as an Atom 1.0 feed (RFC 4287), so teams can follow it in their chat tools.
 * Written with the JDK's XML stream writer, which escapes every text node; entries carry the
 * same moderated fields as the board and nothing else.
 */
final class AtomFeed {

    private static final String ATOM = "http://www.w3.org/2005/Atom";

    private AtomFeed() {
    }

    static String write(String base, List<StoryViews.BoardStory> stories) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("feed");
            x.writeDefaultNamespace(ATOM);
            text(x, "id", base + "/improvements");
            text(x, "title", "You said, we did — Loopboard improvements");
            long updated = stories.stream().mapToLong(StoryViews.BoardStory::updatedAt).max().orElse(0L);
            text(x, "updated", Instant.ofEpochMilli(updated).toString());
            link(x, "self", base + "/improvements.atom");
            link(x, "alternate", base + "/improvements");
            x.writeStartElement("author");
            text(x, "name", "Loopboard");
            x.writeEndElement();
            for (StoryViews.BoardStory s : stories) {
                x.writeStartElement("entry");
                text(x, "id", base + "/improvements/" + s.id());
                text(x, "title", s.title());
                text(x, "published", Instant.ofEpochMilli(s.publishedAt()).toString());
                text(x, "updated", Instant.ofEpochMilli(s.updatedAt()).toString());
                link(x, "alternate", base + "/improvements/" + s.id());
                if (s.team() != null) {
                    x.writeStartElement("category");
                    x.writeAttribute("term", s.team());
                    x.writeEndElement();
                }
                x.writeStartElement("content");
                x.writeAttribute("type", "text");
                x.writeCharacters(summary(s));
                x.writeEndElement();
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the Atom feed", e);
        }
        return out.toString();
    }

    private static String summary(StoryViews.BoardStory s) {
        StringBuilder b = new StringBuilder();
        b.append(s.mentions()).append(s.mentions() == 1 ? " customer" : " customers").append(" told us about this.\n");
        s.quotes().stream().limit(3).forEach(q -> b.append("“").append(q.text()).append("”\n"));
        line(b, "Problem", s.problem());
        line(b, "Root cause", s.rootCause());
        line(b, "What we did", s.action());
        line(b, "Effect", s.effect());
        line(b, "Team", s.team());
        b.append("Status: ").append(s.status().replace('_', ' '));
        return b.toString();
    }

    private static void line(StringBuilder b, String label, String value) {
        if (value != null) {
            b.append(label).append(": ").append(value).append('\n');
        }
    }

    private static void text(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeCharacters(value);
        x.writeEndElement();
    }

    private static void link(XMLStreamWriter x, String rel, String href) throws XMLStreamException {
        x.writeStartElement("link");
        x.writeAttribute("rel", rel);
        x.writeAttribute("href", href);
        x.writeEndElement();
    }
}
