import { z } from 'zod';

// Only zod: lib/api/contract.ts publishes these in the OpenAPI document.

/** POST /api/v1/tokens/revoke (SPEC §8). */
export const revokeRequestSchema = z.strictObject({
  credentials: z
    .array(z.string({ error: 'Each credential is a string.' }), { error: 'Send the credentials as an array of strings.' })
    .min(1, 'Send at least one credential.')
    .max(1000, 'At most 1,000 credentials per request.'),
});

/** The token type Keygate registers with GitHub's secret scanning partner program. */
export const GITHUB_TOKEN_TYPE = 'keygate_api_token';

/** What GitHub's secret scanning sends: the tokens it found and where. */
export const gitHubReportSchema = z
  .array(z.object({ token: z.string(), type: z.string().optional(), url: z.string().optional(), source: z.string().optional() }))
  .max(1000);

export const gitHubLabelsSchema = z.array(
  z.strictObject({
    token_hash: z.string().describe('SHA-256 of the token, hex'),
    token_type: z.literal(GITHUB_TOKEN_TYPE),
    label: z.enum(['true_positive', 'false_positive']),
  }),
);
export type GitHubLabel = z.output<typeof gitHubLabelsSchema>[number];
