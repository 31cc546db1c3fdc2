import { z } from 'zod';
import { isMonth } from '../month';

export const monthSchema = z
  .string()
  .refine(isMonth, 'must be a month as YYYY-MM')
  .describe('Month as YYYY-MM');
