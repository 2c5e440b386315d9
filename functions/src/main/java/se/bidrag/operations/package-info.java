/**
 * Operations for the agency's operator: the failure queues (dead letters) with their depth, and moving
 * a dead-letter queue's messages back to the queue they came from once the cause is mended. SQS behind
 * {@link se.bidrag.operations.DeadLetterQueues}; each redrive is audited.
 */
package se.bidrag.operations;
