"""Sources: where documents and facts about them come from.

``http`` is the one polite HTTP client; ``syncfeed`` reads the Tweede Kamer's SyncFeed
(Atom pages of entities, resumable by skiptoken); ``sru`` pages through KOOP's SRU 2.0
search; ``replay`` records and replays their answers. They turn responses into plain data;
what the data means for a case is :mod:`kamervragen.cases`.

The Kamer's OData API is not used: the SyncFeed gives the same entities, resumably, and no
recorded OData answer for a Zaak or Document is public to build its field names on.
"""
