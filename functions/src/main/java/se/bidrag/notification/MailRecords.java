package se.bidrag.notification;

/** What the agency sees of the mail: the suppressed addresses, and the ledger of what was sent. */
record MailRecords(Suppressions suppressions, EmailLedger ledger) {}
