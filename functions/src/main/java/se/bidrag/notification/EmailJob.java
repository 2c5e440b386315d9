package se.bidrag.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.bidrag.json.Json;

/**
 * One e-mail to send, rendered by whoever decided it should go out.
 *
 * @param jobId unique per recipient and purpose (e.g. {@code report-link:grant:recipient}); the sender
 *     sends a job at most once whatever the queue delivers
 * @param tags what the mail is about (grant, recipient, purpose), for the ledger and the admin
 */
public record EmailJob(String jobId, String to, String subject, String text, String html, List<Attachment> attachments,
    Map<String, String> tags) {

  public EmailJob {
    attachments = List.copyOf(attachments);
    tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  /** A file attached to the mail. */
  public record Attachment(String filename, String contentType, byte[] content) {}

  public ObjectNode toJson() {
    ObjectNode o = Json.object().put("jobId", jobId).put("to", to).put("subject", subject).put("text", text);
    if (html != null) {
      o.put("html", html);
    }
    ArrayNode list = o.putArray("attachments");
    for (Attachment a : attachments) {
      list.addObject().put("filename", a.filename()).put("contentType", a.contentType())
          .put("content", java.util.Base64.getEncoder().encodeToString(a.content()));
    }
    ObjectNode t = o.putObject("tags");
    tags.forEach(t::put);
    return o;
  }

  public static EmailJob fromJson(JsonNode o) {
    List<Attachment> attachments = new ArrayList<>();
    o.path("attachments").forEach(a -> attachments.add(new Attachment(a.path("filename").asText(),
        a.path("contentType").asText(), java.util.Base64.getDecoder().decode(a.path("content").asText()))));
    Map<String, String> tags = new LinkedHashMap<>();
    o.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
    return new EmailJob(o.path("jobId").asText(), o.path("to").asText(), o.path("subject").asText(),
        o.path("text").asText(), o.hasNonNull("html") ? o.path("html").asText() : null, attachments, tags);
  }
}
