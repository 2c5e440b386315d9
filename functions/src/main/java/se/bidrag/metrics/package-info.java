/**
 * Business metrics: what the domain counts ({@link se.bidrag.metrics.Metric}) and the port it counts
 * through ({@link se.bidrag.metrics.BusinessMetrics}); the adapter writes CloudWatch embedded metric format.
 */
package se.bidrag.metrics;
