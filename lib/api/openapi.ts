import { z } from 'zod';
import * as contract from './contract';
import { WEBHOOK_OPERATIONS } from './openapi-webhooks';

export type Operation = {
  /** Stable: client generators name their functions after it, so renaming one breaks callers. */
  operationId: string;
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  summary: string;
  permission?: string;
  auth?: false;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, z.ZodType | null>;
};

const problemStatuses = (...codes: number[]): Record<number, z.ZodType> =>
  Object.fromEntries(codes.map((code) => [code, contract.ProblemSchema]));

/** Every route of /api/v1. A test checks that each route handler file appears here. */
export const OPERATIONS: Operation[] = [
  {
    operationId: 'verifyToken',
    method: 'post',
    path: '/api/v1/tokens/verify',
    summary: 'Verify a token (no other authentication)',
    auth: false,
    body: contract.VerifyRequestSchema,
    responses: { 200: contract.VerifyResponseSchema, ...problemStatuses(400, 413) },
  },
  {
    operationId: 'revokeTokens',
    method: 'post',
    path: '/api/v1/tokens/revoke',
    summary: 'Report tokens leaked (no authentication; the answer is the same whatever they are; 60 requests per hour per address)',
    auth: false,
    body: contract.RevokeRequestSchema,
    responses: { 202: contract.RevokeResponseSchema, ...problemStatuses(400, 413, 429) },
  },
  {
    operationId: 'receiveGitHubSecretScanning',
    method: 'post',
    path: '/api/v1/secret-scanning/github',
    summary:
      "GitHub's secret scanning partner receiver (signed with GitHub's ECDSA key: Github-Public-Key-Identifier and -Signature headers)",
    auth: false,
    body: contract.GitHubReportSchema,
    responses: { 200: contract.GitHubLabelsSchema, ...problemStatuses(400, 401, 413) },
  },
  {
    operationId: 'listApiAccess',
    method: 'get',
    path: '/api/v1/api-access',
    summary: 'List API Access, newest first',
    permission: 'listApiAccess',
    query: contract.ListQuery,
    responses: { 200: contract.ApiAccessListSchema, ...problemStatuses(400, 401, 403) },
  },
  {
    operationId: 'createApiAccess',
    method: 'post',
    path: '/api/v1/api-access',
    summary: 'Create API Access; the token is in the response, once',
    permission: 'createApiAccess (+ getRole when roles are given)',
    body: contract.CreateApiAccessBody,
    responses: { 201: contract.ApiAccessWithTokenSchema, ...problemStatuses(400, 401, 403, 409, 413, 415) },
  },
  {
    operationId: 'getApiAccess',
    method: 'get',
    path: '/api/v1/api-access/{accessId}',
    summary: 'Get one API Access',
    permission: 'getApiAccess',
    responses: { 200: contract.ApiAccessSchema, ...problemStatuses(401, 403, 404) },
  },
  {
    operationId: 'updateApiAccess',
    method: 'patch',
    path: '/api/v1/api-access/{accessId}',
    summary: 'Edit name, description, tags or roles',
    permission: 'updateApiAccess',
    body: contract.UpdateApiAccessBody,
    responses: { 200: contract.ApiAccessSchema, ...problemStatuses(400, 401, 403, 404, 409, 413, 415) },
  },
  {
    operationId: 'deleteApiAccess',
    method: 'delete',
    path: '/api/v1/api-access/{accessId}',
    summary: 'Delete; the token stops working at once',
    permission: 'deleteApiAccess',
    responses: { 204: null, ...problemStatuses(401, 403, 404) },
  },
  {
    operationId: 'regenerateApiAccess',
    method: 'post',
    path: '/api/v1/api-access/{accessId}/regenerate',
    summary: 'Replace the token (the old one stops working at once)',
    permission: 'regenerateApiAccess',
    body: contract.RegenerateBody,
    responses: { 200: contract.ApiAccessWithTokenSchema, ...problemStatuses(400, 401, 403, 404, 413, 415) },
  },
  {
    operationId: 'bulkDeleteApiAccess',
    method: 'post',
    path: '/api/v1/api-access/bulk-delete',
    summary: 'Delete several, all or nothing',
    permission: 'deleteApiAccess',
    body: contract.BulkDeleteBody,
    responses: { 200: contract.BulkDeleteResultSchema, ...problemStatuses(400, 401, 403, 404, 413, 415) },
  },
  {
    operationId: 'listAuditLog',
    method: 'get',
    path: '/api/v1/audit-log',
    summary: 'The audit log, newest first, filtered like its page',
    permission: 'getAuditLog',
    query: contract.AuditLogQuery,
    responses: { 200: contract.AuditLogPageSchema, ...problemStatuses(400, 401, 403) },
  },
  {
    operationId: 'listRoles',
    method: 'get',
    path: '/api/v1/roles',
    summary: 'List roles',
    permission: 'getRole',
    responses: { 200: contract.RoleListSchema, ...problemStatuses(401, 403) },
  },
  {
    operationId: 'createRole',
    method: 'post',
    path: '/api/v1/roles',
    summary: 'Create a role',
    permission: 'createRole',
    body: contract.CreateRoleBody,
    responses: { 201: contract.RoleSchema, ...problemStatuses(400, 401, 403, 409, 413, 415) },
  },
  {
    operationId: 'getRole',
    method: 'get',
    path: '/api/v1/roles/{id}',
    summary: 'Get a role',
    permission: 'getRole',
    responses: { 200: contract.RoleSchema, ...problemStatuses(401, 403, 404) },
  },
  {
    operationId: 'updateRole',
    method: 'patch',
    path: '/api/v1/roles/{id}',
    summary: 'Edit a role',
    permission: 'updateRole',
    body: contract.UpdateRoleBody,
    responses: { 200: contract.RoleSchema, ...problemStatuses(400, 401, 403, 404, 409, 413, 415) },
  },
  {
    operationId: 'deleteRole',
    method: 'delete',
    path: '/api/v1/roles/{id}',
    summary: 'Delete a role that nobody holds',
    permission: 'deleteRole',
    responses: { 204: null, ...problemStatuses(401, 403, 404, 409) },
  },
  ...WEBHOOK_OPERATIONS,
  {
    operationId: 'getOpenApiDocument',
    method: 'get',
    path: '/api/v1/openapi.json',
    summary: 'This document',
    auth: false,
    responses: { 200: null },
  },
];

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted: queued',
  204: 'No content',
  400: 'Invalid input',
  401: 'Missing, malformed, unknown, deleted or expired token',
  403: "Permission missing, name outside the allowed pattern, an escalating role, or a request from outside the key's allowed IPs",
  404: 'Unknown id',
  409: 'Duplicate name, still in use, or not possible in its current state',
  413: 'Body over 64 KiB',
  415: 'A body that is not JSON (say, a form)',
  429: "Too many failed Bearer authentications from this client, or the key's rate limit is used up: wait Retry-After seconds",
  500: 'Unexpected error (logged with the request id in `instance`)',
  503: 'The database cannot be reached; try again shortly',
};

/** The OpenAPI 3.1 document, generated from the zod schemas of ./contract (registered with their ids). */
export function openApiDocument() {
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  for (const schema of Object.values(schemas) as { $schema?: string; $id?: string }[]) {
    delete schema.$schema;
    delete schema.$id;
  }
  const ref = (schema: z.ZodType) => {
    const id = z.globalRegistry.get(schema)?.id;
    if (id) return { $ref: `#/components/schemas/${id}` };
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    delete json.$schema;
    return json;
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of OPERATIONS) {
    const pathParams = [...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const queryParams = operation.query
      ? Object.entries(operation.query.shape).map(([name, schema]) => ({
          name,
          in: 'query',
          required: false,
          schema: ref(schema as z.ZodType),
        }))
      : [];
    (paths[operation.path] ??= {})[operation.method] = {
      operationId: operation.operationId,
      summary: operation.summary,
      ...(operation.permission ? { description: `Needs the ${operation.permission} permission.` } : {}),
      security: operation.auth === false ? [] : [{ bearer: [] }],
      parameters: [...pathParams, ...queryParams],
      ...(operation.body ? { requestBody: { required: true, content: { 'application/json': { schema: ref(operation.body) } } } } : {}),
      responses: Object.fromEntries(
        Object.entries({
          ...operation.responses,
          // A client that keeps failing Bearer authentication is told to wait (Retry-After).
          ...(operation.auth === false ? {} : problemStatuses(429)),
          ...problemStatuses(500, 503),
        }).map(([status, schema]) => [
          status,
          {
            description: REASONS[Number(status)] ?? 'Response',
            ...(schema
              ? { content: { [Number(status) >= 400 ? 'application/problem+json' : 'application/json']: { schema: ref(schema) } } }
              : {}),
          },
        ]),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Keygate API',
      version: '1.0.0',
      description: 'API Access management. Authenticate with `Authorization: Bearer <token>`.',
      // Keygate is not open source (package.json is private, no license is granted); 3.1 wants an
      // SPDX identifier or a URL beside the name, and LicenseRef-* is SPDX's form for one of your own.
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    // Relative, so it resolves against wherever this document was fetched from (OpenAPI 3.1, Server Object):
    // the same document is served by every deployment, and the paths already start with /api/v1.
    servers: [{ url: '/', description: 'The Keygate instance that serves this document' }],
    paths,
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  };
}
