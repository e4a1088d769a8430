import type { EventLog } from './step-functions-service.ts';

/**
 * An execution's event log in the shape AWS's GetExecutionHistory returns (`HistoryEvent`), so the
 * SDK's deserializer keeps every state's input and output, as it would on AWS. The runner's own
 * event names (StateEntered, StateExited) carry no details the SDK knows and would arrive empty.
 */
export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  readonly timestamp: number;
  readonly type: string;
  readonly [details: string]: unknown;
}

const json = (value: unknown): string => JSON.stringify(value ?? null);
const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value ?? null));
const notTruncated = { truncated: false };

/** The AWS event type and details of one runner event; null for those AWS has no event of. */
function awsEvent(event: EventLog): { type: string; details: Record<string, unknown> } | null {
  switch (event.type) {
    case 'ExecutionStarted':
      return {
        type: 'ExecutionStarted',
        details: {
          executionStartedEventDetails: { input: json(event.input), inputDetails: notTruncated },
        },
      };
    case 'ExecutionSucceeded':
      return {
        type: 'ExecutionSucceeded',
        details: {
          executionSucceededEventDetails: { output: json(event.output), outputDetails: notTruncated },
        },
      };
    case 'ExecutionFailed':
      return {
        type: 'ExecutionFailed',
        details: { executionFailedEventDetails: { error: event.Error, cause: text(event.Cause) } },
      };
    case 'ExecutionAborted':
      return { type: 'ExecutionAborted', details: { executionAbortedEventDetails: {} } };
    case 'ExecutionTimeout':
      return { type: 'ExecutionTimedOut', details: { executionTimedOutEventDetails: {} } };
    case 'StateEntered':
      return {
        type: `${event.state.type}StateEntered`,
        details: {
          stateEnteredEventDetails: {
            name: event.state.name,
            input: json(event.state.input),
            inputDetails: notTruncated,
          },
        },
      };
    case 'StateExited':
      return {
        type: `${event.state.type}StateExited`,
        details: {
          stateExitedEventDetails: {
            name: event.state.name,
            output: json(event.state.output),
            outputDetails: notTruncated,
          },
        },
      };
    case 'StateFailed':
      return event.state.type === 'Task'
        ? {
            type: 'TaskFailed',
            details: {
              taskFailedEventDetails: {
                resourceType: 'lambda',
                resource: 'invoke',
                error: event.Error,
                cause: text(event.Cause),
              },
            },
          }
        : {
            type: `${event.state.type}StateFailed`,
            details: { executionFailedEventDetails: { error: event.Error, cause: text(event.Cause) } },
          };
    case 'MapIterationStarted':
    case 'MapIterationSucceeded':
    case 'MapIterationFailed': {
      const key = `${event.type.charAt(0).toLowerCase()}${event.type.slice(1)}EventDetails`;
      return { type: event.type, details: { [key]: { name: event.parentState.name, index: event.index } } };
    }
    default:
      // Retries and catches show on AWS as a task scheduled again and the next state entered.
      return null;
  }
}

/** The history AWS would return for these runner events, oldest first, numbered from 1. */
export function historyEventsOf(events: readonly EventLog[]): HistoryEvent[] {
  const history: HistoryEvent[] = [];
  for (const event of events) {
    const converted = awsEvent(event);
    if (converted === null) continue;
    history.push({
      id: history.length + 1,
      previousEventId: history.length,
      timestamp: event.timestamp / 1000,
      type: converted.type,
      ...converted.details,
    });
  }
  return history;
}
