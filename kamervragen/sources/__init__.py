"""Sources: where documents and facts about them come from.

``http`` is the one polite HTTP client; ``syncfeed`` reads the Tweede Kamer's SyncFeed
(Atom pages of entities, resumable by skiptoken); ``sru`` pages through KOOP's SRU 2.0
search; ``odata`` keeps the field names of the Tweede Kamer OData API, v4 and v5, in one
place. They turn responses into plain data; what the data means for a case is
:mod:`kamervragen.cases`.
"""
