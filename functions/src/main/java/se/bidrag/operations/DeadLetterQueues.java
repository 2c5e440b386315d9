package se.bidrag.operations;

import java.util.List;
import java.util.Optional;

/** The stack's failure queues: what waits in each, and moving a queue's messages back to their source. */
public interface DeadLetterQueues {

  /**
   * One failure queue.
   *
   * @param name the template's logical id, e.g. EmailDeadLetterQueue
   * @param source what fails into it, in Swedish (the console's label)
   * @param depth messages waiting (SQS's approximate count)
   * @param redrivable whether its messages go back to a source queue (a scheduled job's failures are
   *     invoked again instead, which is an operator's step: see the operations guide)
   */
  record Queue(String name, String source, long depth, boolean redrivable) {}

  List<Queue> list();

  Optional<Queue> find(String name);

  /** Starts moving every message of the named queue back to its source queue; the messages it held then. */
  long redrive(Queue queue);
}
