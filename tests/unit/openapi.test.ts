import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '@/lib/api/openapi';

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? routeFiles(full) : entry === 'route.ts' ? [full] : [];
  });
}

describe('the OpenAPI document', () => {
  it('documents every route handler under app/api/v1 with each method it serves', async () => {
    const document = openApiDocument();
    // The catch-all that answers unknown paths with a problem+json 404 is not an operation.
    const files = routeFiles('app/api/v1').filter((file) => !file.includes('[...'));
    const handlers: string[] = [];
    for (const file of files) {
      const route = `/${path
        .dirname(file)
        .replace(/\[(\w+)\]/g, '{$1}')
        .replace(/^app\//, '')}`;
      const exports = (await import(path.resolve(file))) as Record<string, unknown>;
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
        const handler = exports[method] as ({ notAllowed?: true } & (() => unknown)) | undefined;
        // Methods a route does not have answer a problem+json 405; they are not operations either.
        if (typeof handler === 'function' && !handler.notAllowed) handlers.push(`${method} ${route}`);
      }
    }
    const documented = Object.entries(document.paths).flatMap(([route, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${route}`),
    );
    expect(handlers.length).toBeGreaterThanOrEqual(14);
    expect(documented.sort()).toEqual(handlers.sort());
  });

  it('is OpenAPI 3.1 with every $ref resolving to a component', () => {
    const document = openApiDocument();
    expect(document.openapi).toBe('3.1.0');
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(document.components.schemas, ref).toHaveProperty(ref);
  });
});

describe('the key controls in the OpenAPI document', () => {
  it('shows allowedIps and rateLimit on ApiAccess, on create and edit, and ip on verification', () => {
    const { schemas } = openApiDocument().components as {
      schemas: Record<string, { properties: Record<string, unknown>; required?: string[] }>;
    };
    expect(schemas.ApiAccess!.properties).toMatchObject({
      allowedIps: { type: 'array', items: { type: 'string' } },
      rateLimit: { anyOf: expect.arrayContaining([{ type: 'null' }]) },
    });
    expect(schemas.ApiAccess!.required).toEqual(expect.arrayContaining(['allowedIps', 'rateLimit']));
    for (const body of ['CreateApiAccess', 'UpdateApiAccess']) {
      expect(schemas[body]!.properties, body).toMatchObject({
        allowedIps: { type: 'array', maxItems: 100 },
        rateLimit: {
          anyOf: expect.arrayContaining([
            expect.objectContaining({
              properties: {
                limit: expect.objectContaining({ maximum: 1_000_000 }),
                windowSeconds: expect.objectContaining({ maximum: 86_400 }),
              },
            }),
          ]),
        },
      });
    }
    expect(schemas.VerifyRequest!.properties).toHaveProperty('ip');
    expect(JSON.stringify(schemas.VerifyResponse)).toContain('IP_NOT_ALLOWED');
  });
});
