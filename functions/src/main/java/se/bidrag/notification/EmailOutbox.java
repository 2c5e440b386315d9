package se.bidrag.notification;

import java.util.List;

/** Where e-mail jobs are queued for the sender (SQS on AWS and locally). */
public interface EmailOutbox {
  void enqueue(List<EmailJob> jobs);
}
