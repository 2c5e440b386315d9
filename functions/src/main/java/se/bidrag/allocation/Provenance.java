package se.bidrag.allocation;

/**
 * Where an input file came from and how far it can be trusted.
 *
 * @param status {@code official} (figures as published by the source) or {@code illustrative}
 *     (derived stand-in, not the official figures)
 * @param sha256 hex digest of the file as loaded
 */
public record Provenance(String dataset, String file, String status, String source, String vintage, String note,
    int rows, String sha256) {}
