import { EXPORT_TARGETS } from '../../app/export/targets';
import { z } from 'zod';
import { MAX_FEATURE_NAME_LENGTH } from '../../app/model/featureNames';

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
    // Names the user gave to unnamed features (app/model/featureNames.ts checks count and duplicates).
    featureNames: z.array(z.string().min(1).max(MAX_FEATURE_NAME_LENGTH)).min(1).max(1_000_000).optional(),
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

export const exportBundleRequestSchema = z
  .object({
    jobId,
    documentId: z.string().min(1).max(100),
    target: z.enum(EXPORT_TARGETS),
    destination: z.union([z.object({ folderId: z.string().min(1).max(100) }).strict(), z.object({ path: z.string().min(1).max(4096) }).strict()]),
    overwrite: z.boolean().optional(),
    rows: z.array(z.array(z.number().nullable()).max(100_000)).max(100_000).optional(),
  })
  .strict();

export const loadCsvTextRequestSchema = z
  .object({
    jobId,
    // The page sends one string; the web host passes a raw upload as the pieces it decoded while
    // the body arrived (main/web/webHost.ts), so the CSV is never one more whole copy in memory.
    text: z.union([z.string(), z.array(z.string())]),
    fileName: z.string().min(1).max(1024),
  })
  .strict();

export const openRecentRequestSchema = z.object({ jobId, index: z.number().int().min(0).max(99) }).strict();

/** Largest image the save dialog writes (a PNG data URL of a big canvas is tens of MB). */
const MAX_IMAGE_CHARS = 200 * 1024 * 1024;

export const saveImageRequestSchema = z
  .object({
    // A bare file name: the folder always comes from the Save dialog.
    fileName: z.string().min(1).max(255).regex(/^[^/\\:*?"<>|\u0000-\u001f]+$/, 'a file name without folders'),
    format: z.enum(['png', 'svg']),
    content: z.string().max(MAX_IMAGE_CHARS),
  })
  .strict()
  .refine((request) => request.format === 'svg' || request.content.startsWith('data:image/png;base64,'), {
    message: 'a PNG must be a data:image/png;base64 URL',
  });

/** Bridge methods that take no argument: main rejects any argument sent to them. */
export const NO_ARGUMENT_METHODS = ['getHostInfo', 'chooseExportFolder', 'listRecentFiles'] as const;
