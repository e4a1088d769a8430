import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one logger. Log identifiers, counts, sizes, hashes and outcomes only: never names,
 * addresses, subjects, bodies or file names (they are personal data of the most sensitive kind).
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'email-intake' });
