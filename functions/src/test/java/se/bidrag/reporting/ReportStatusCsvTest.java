package se.bidrag.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ReportStatusCsvTest {

  private static Received.Recipient recipient(String id, String name, long received) {
    return new Received.Recipient(id, name, "2120000019", received, "registrator@example.se", new TreeSet<>(List.of(1)));
  }

  @Test
  void oneRowPerRecipientWithTheReportsColumnsEmptyUntilItReports() {
    Report report = new Report("g", "kommun-0114", "Upplands Väsby", 1, 1000, new TreeMap<>(java.util.Map.of(1, 900L)),
        100, "=HYPERLINK(\"x\")", "Anna", "anna@example.se", Instant.parse("2026-03-20T09:00:00Z"), false, false);
    String csv = ReportJson.statusCsv(List.of(
        new ReportingService.Status(recipient("kommun-0114", "Upplands Väsby", 1000), true, 0, false, report),
        new ReportingService.Status(recipient("kommun-0115", "=Vallentuna, \"kommun\"", 2000), true, 2, false, null)));
    assertEquals("recipientId,name,orgnr,received,status,linkSent,remindersSent,reportedAt,late,used,unspent\n"
        + "kommun-0114,Upplands Väsby,2120000019,1000,reported,true,0,2026-03-20T09:00:00Z,false,900,100\n"
        + "kommun-0115,\"'=Vallentuna, \"\"kommun\"\"\",2120000019,2000,reminded,true,2,,false,,\n", csv);
  }
}
