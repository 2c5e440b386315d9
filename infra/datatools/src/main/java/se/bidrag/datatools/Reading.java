package se.bidrag.datatools;

import java.util.ArrayList;
import java.util.List;

/**
 * What a reader found in an agency's file: one entry per municipality row (code, the file's name for it, the
 * value as text, and where the row is), the layout it recognised, the vintage the file states, and what the
 * reader itself checked, warned about or refused (each naming its row).
 */
final class Reading {
  /** One municipality's row. */
  record Entry(String code, String name, String value, String where) {}

  final String reader;
  final String layout;
  final String vintage;
  final List<Entry> entries = new ArrayList<>();
  final List<String> checks = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();
  final List<String> errors = new ArrayList<>();
  /** The file's own national total and where it stands, if the file has one (SCB's "00 Riket" row). */
  Long fileTotal;
  String fileTotalWhere;

  Reading(String reader, String layout, String vintage) {
    this.reader = reader;
    this.layout = layout;
    this.vintage = vintage;
  }
}
