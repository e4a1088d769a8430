import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { REASON_DIMENSION, type MessageMetric } from '#events/message-metrics';

/**
 * Powertools Metrics: CloudWatch embedded metric format on stdout, which Lambda ships to
 * CloudWatch Logs and CloudWatch turns into metrics (no API call, no extra permission). The
 * namespace comes from `POWERTOOLS_METRICS_NAMESPACE`, the `service` dimension from
 * `POWERTOOLS_SERVICE_NAME`.
 */
const metrics = new Metrics();

/** A dimension value CloudWatch accepts and nobody can put personal data into by accident. */
const REASON_CODE = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Counts one message with this outcome, published at once: with the `service` dimension alone
 * (one metric an alarm can watch) and with `reason` as well (to see why). `reason` is a code such
 * as an error name or a triage reason; anything else is counted as `other`.
 */
export function countMessage(metric: MessageMetric, reason: string): void {
  metrics.addMetric(metric, MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
  metrics.addDimension(REASON_DIMENSION, REASON_CODE.test(reason) ? reason : 'other');
  metrics.addMetric(metric, MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
}
