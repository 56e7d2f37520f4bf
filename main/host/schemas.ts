import { z } from 'zod';

/** Shapes of renderer input, checked before main trusts it (the renderer is untrusted). */
const parseOptions = z
  .object({
    format: z.enum(['spark', 'lightgbm', 'xgboost', 'sklearn']).optional(),
    objective: z.string().max(100).optional(),
    baseScore: z.number().finite().optional(),
    numClass: z.number().int().min(1).max(100_000).optional(),
    featureMap: z.string().max(10_000_000).optional(),
    learningRate: z.number().finite().optional(),
    sparkEnsemble: z.enum(['gbt', 'rf']).optional(),
    lightgbmLegacyRf: z.boolean().optional(),
  })
  .strict();

const jobId = z.string().min(1).max(100).optional();

export const jobRequestSchema = z.object({ jobId }).strict();

export const cancelJobSchema = z.object({ jobId: z.string().min(1).max(100) }).strict();

export const parseTextRequestSchema = z
  .object({
    jobId,
    text: z.string(),
    fileName: z.string().min(1).max(1024),
    options: parseOptions.optional(),
  })
  .strict();

export const reparseRequestSchema = z
  .object({
    jobId,
    documentId: z.string().min(1).max(100),
    options: parseOptions,
  })
  .strict();

export const loadCsvTextRequestSchema = z
  .object({
    jobId,
    text: z.string(),
    fileName: z.string().min(1).max(1024),
  })
  .strict();
