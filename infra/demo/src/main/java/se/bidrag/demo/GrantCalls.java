package se.bidrag.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import se.bidrag.json.Json;
import se.bidrag.local.CallLedger;

/**
 * One grant's DynamoDB calls over the played year, as the stack's call ledger counted them: every call a
 * function made while working for the grant (its log context named the grant), in total and per
 * recipient, with the read and write units DynamoDB reported.
 */
final class GrantCalls {
  private GrantCalls() {}

  static ObjectNode of(List<CallLedger.Invocation> invocations, String grantId, int recipients) {
    long calls = 0;
    double read = 0;
    double write = 0;
    for (CallLedger.Invocation i : invocations) {
      synchronized (i.calls()) {
        for (CallLedger.Call c : i.calls()) {
          if (c.service().equals("DynamoDb") && grantId.equals(c.grant())) {
            calls++;
            read += c.readUnits();
            write += c.writeUnits();
          }
        }
      }
    }
    double per = Math.max(1, recipients);
    return Json.object().put("dynamodbCalls", calls).put("readUnits", Math.round(read))
        .put("writeUnits", Math.round(write)).put("dynamodbCallsPerRecipient", round(calls / per))
        .put("readUnitsPerRecipient", round(read / per)).put("writeUnitsPerRecipient", round(write / per));
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
