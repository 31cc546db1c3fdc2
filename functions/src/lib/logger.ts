import { Logger } from '@aws-lambda-powertools/logger';
import { config } from '../config';

/** One module-scope Powertools logger for every function. */
export const logger = new Logger({
  serviceName: 'cx-ledger',
  logLevel: config.LOG_LEVEL,
});
