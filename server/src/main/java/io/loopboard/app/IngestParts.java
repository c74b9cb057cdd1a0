package io.loopboard.app;

import io.loopboard.config.Config;
import io.loopboard.curation.AutoApproveRules;
import io.loopboard.curation.ModerationSettings;
import io.loopboard.curation.QuoteIntake;
import io.loopboard.curation.QuoteService;
import io.loopboard.curation.SearchIndex;
import io.loopboard.feedback.ingest.ImportService;
import io.loopboard.feedback.ingest.SourceService;
import io.loopboard.signage.ContentEvents;
import io.loopboard.store.Clock;
import io.loopboard.store.Database;

/**
 * What an import needs, wired one way for the server ({@link Loopboard}) and for
 * {@code loopboard import} beside it ({@link Main}): the queue's search index, the quotes with
 * their analysis and auto-approve rules, the sources and the importer. So an import from the
 * command line analyses, indexes and auto-approves exactly as an upload in /admin does.
 * The search index is a worker: its owner starts it. {@link #close()} stops an import in progress,
 * then the quotes' background work, then the index ({@link Loopboard} closes them in its own order).
 */
record IngestParts(SearchIndex search, QuoteService quotes, QuoteIntake intake, SourceService sources,
                   ImportService imports)
        implements AutoCloseable {

    static IngestParts wire(Config config, Clock clock, Database db, ContentEvents events) {
        SearchIndex search = SearchIndex.open(db);
        QuoteService quotes = new QuoteService(db, clock, events, new ModerationSettings(db, clock),
                new AutoApproveRules(db, clock), search);
        SourceService sources = new SourceService(db, clock, io.loopboard.auth.SecretBox.load(config));
        QuoteIntake intake = quotes.intake();
        ImportService imports = new ImportService(db, clock, sources, intake, config.dataDir().resolve("uploads"),
                config.timeZone());
        return new IngestParts(search, quotes, intake, sources, imports);
    }

    @Override
    public void close() {
        imports.close();
        quotes.close();
        search.close();
    }
}
