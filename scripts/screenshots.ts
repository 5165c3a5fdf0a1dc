// `npm run screenshots` (after `npm run build`): every page, panel and dialog at 390, 768 and
// 1440 px, in the light and the dark scheme, as PNG files under screenshots/, so a reviewer can
// look at the product without clicking through it. The production build runs on a database made
// for the run (300 demo keys, their teams, people, usage and expiry notices) and dropped after.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { chromium, expect, type Browser, type Page } from '@playwright/test';
import postgres from 'postgres';
import { seedDemo } from '@/db/seed/demo';
import { databaseUrl, onServer, testServerUrl } from '../tests/support/postgres-server';

const PORT = Number(process.env.SCREENSHOTS_PORT ?? 3200);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const OUT_DIR = path.resolve('screenshots');
const ADMIN = { email: 'admin@keygate.demo', password: randomBytes(12).toString('base64url') };
const CRON_SECRET = randomBytes(12).toString('base64url');
const WIDTHS = [
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1440, height: 900 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

if (!existsSync('.next/BUILD_ID')) {
  console.error('No production build: run `npm run build` first.');
  process.exit(2);
}
if (process.env.NODE_ENV !== 'production') {
  console.error('Run it as `npm run screenshots` (NODE_ENV=production: the production build).');
  process.exit(2);
}

/** What the pages show: a key with usage that expires within 30 days (so it has notices), a team role, a person. */
type Subjects = { key: { id: string; name: string }; role: string; user: string };

/**
 * One screenshot each. `page` is signed in as the admin, or signed out for `signedOut`; `go` brings
 * it to the state shown. Dialogs and menus are shot as the viewport shows them, pages whole.
 */
type Shot = { name: string; signedOut?: boolean; dialog?: boolean; narrowOnly?: boolean; go: (page: Page, s: Subjects) => Promise<void> };

const table = '/access-management/api-access';
const heading = (page: Page, name: string) => expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
const openTable = async (page: Page) => {
  await page.goto(table);
  await heading(page, 'API Access');
};

const SHOTS: Shot[] = [
  {
    name: 'login',
    signedOut: true,
    go: async (page) => {
      await page.goto('/login');
      await heading(page, 'Keygate');
    },
  },
  {
    name: 'nav-menu-open',
    narrowOnly: true,
    dialog: true,
    go: async (page) => {
      await openTable(page);
      await page.getByRole('button', { name: 'Menu', exact: true }).click();
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    },
  },
  { name: 'api-access', go: openTable },
  {
    name: 'api-access-filters',
    go: async (page) => {
      await openTable(page);
      await page.getByRole('button', { name: 'Filters', exact: true }).click();
      await expect(page.getByLabel('Status')).toBeVisible();
    },
  },
  {
    name: 'api-access-options-menu',
    dialog: true,
    go: async (page) => {
      await openTable(page);
      await page.getByRole('button', { name: 'Options' }).first().click();
      await expect(page.getByRole('menuitem', { name: 'Edit' })).toBeFocused();
    },
  },
  {
    name: 'api-access-delete-dialog',
    dialog: true,
    go: async (page) => {
      await openTable(page);
      await page.getByRole('button', { name: 'Options' }).first().click();
      await page.getByRole('menuitem', { name: 'Delete' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
    },
  },
  {
    name: 'api-access-delete-selected-dialog',
    dialog: true,
    go: async (page) => {
      await openTable(page);
      const boxes = page.getByRole('checkbox', { name: /^Select (?!all)/ });
      await boxes.nth(0).check();
      await boxes.nth(1).check();
      await page.getByRole('button', { name: 'Delete selected' }).click();
      await expect(page.getByRole('dialog', { name: 'Delete 2 API Access?' })).toBeVisible();
    },
  },
  {
    name: 'api-access-detail-panel',
    dialog: true,
    go: async (page, { key }) => {
      await page.goto(`${table}?q=${encodeURIComponent(key.name)}`);
      await page.getByRole('link', { name: key.name, exact: true }).click();
      await expect(page.getByRole('dialog', { name: key.name })).toBeVisible();
    },
  },
  {
    name: 'api-access-create-panel',
    dialog: true,
    go: async (page) => {
      await openTable(page);
      await page.getByRole('button', { name: 'Create API Access' }).click();
      await expect(page.getByRole('dialog', { name: 'Create API Access' })).toBeVisible();
    },
  },
  {
    name: 'api-access-new',
    go: async (page) => {
      await page.goto(`${table}/new`);
      await heading(page, 'Create API Access');
    },
  },
  {
    name: 'api-access-new-errors',
    go: async (page) => {
      await page.goto(`${table}/new`);
      await page.getByLabel('Tags').fill('not a tag!');
      await page.getByRole('button', { name: 'Create API Access' }).click();
      await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toBeVisible();
    },
  },
  {
    name: 'api-access-created',
    go: async (page) => {
      await page.goto(`${table}/new`);
      await page.getByLabel('Access Name').fill(`screenshot-${randomBytes(3).toString('hex')}`);
      await page.getByLabel('Description').fill('Made by npm run screenshots');
      await page.getByLabel('Tags').fill('demo, screenshots');
      await page.getByRole('button', { name: 'Create API Access' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'API Access created' })).toBeVisible();
    },
  },
  {
    name: 'api-access-detail',
    go: async (page, { key }) => {
      await page.goto(`${table}/${key.id}`);
      await expect(page.getByRole('heading', { name: key.name, level: 2 })).toBeVisible();
    },
  },
  {
    name: 'api-access-detail-delete-dialog',
    dialog: true,
    go: async (page, { key }) => {
      await page.goto(`${table}/${key.id}`);
      await page.getByRole('button', { name: 'Delete' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
    },
  },
  {
    name: 'api-access-edit',
    go: async (page, { key }) => {
      await page.goto(`${table}/${key.id}/edit`);
      await expect(page.getByLabel('Access Name')).toBeVisible();
    },
  },
  {
    name: 'api-access-regenerate',
    go: async (page, { key }) => {
      await page.goto(`${table}/${key.id}/regenerate`);
      await expect(page.getByRole('button', { name: 'Regenerate token' })).toBeVisible();
    },
  },
  {
    name: 'roles',
    go: async (page) => {
      await page.goto('/access-management/roles');
      await heading(page, 'Roles');
    },
  },
  {
    name: 'role',
    go: async (page, { role }) => {
      await page.goto(`/access-management/roles/${role}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    },
  },
  {
    name: 'role-delete-dialog',
    dialog: true,
    go: async (page, { role }) => {
      await page.goto(`/access-management/roles/${role}`);
      await page.getByRole('button', { name: 'Delete role' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
    },
  },
  {
    name: 'role-new',
    go: async (page) => {
      await page.goto('/access-management/roles/new');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    },
  },
  {
    name: 'users',
    go: async (page) => {
      await page.goto('/access-management/users');
      await heading(page, 'Users');
    },
  },
  {
    name: 'user',
    go: async (page, { user }) => {
      await page.goto(`/access-management/users/${user}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    },
  },
  {
    name: 'user-new',
    go: async (page) => {
      await page.goto('/access-management/users/new');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    },
  },
  {
    name: 'audit-log',
    go: async (page) => {
      await page.goto('/access-management/audit-log');
      await heading(page, 'Audit Log');
    },
  },
  {
    name: 'account',
    go: async (page) => {
      await page.goto('/account');
      await heading(page, 'Account');
    },
  },
];

async function pickSubjects(url: string): Promise<Subjects> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [key] = await sql<{ id: string; name: string }[]>`
      select id, name from api_access a
      where expires_at between now() + interval '2 days' and now() + interval '30 days'
        and exists (select 1 from api_access_usage u where u.api_access_id = a.id)
      order by expires_at limit 1`;
    const [role] = await sql<{ id: string }[]>`select id from roles where name = 'payments-maintainers'`;
    const [user] = await sql<{ id: string }[]>`select id from users where email like '%@demo.keygate.test' order by email limit 1`;
    if (!key || !role || !user) throw new Error('the demo data has no key with usage expiring within 30 days, or no team role or person');
    return { key, role: role.id, user: user.id };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function signedInState(browser: Browser): Promise<string> {
  const file = path.resolve('.data/screenshots/session.json');
  const page = await browser.newPage({ baseURL: BASE_URL });
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await page.context().storageState({ path: file });
  await page.close();
  return file;
}

const server = await testServerUrl();
const database = `keygate_screenshots_${randomBytes(4).toString('hex')}`;
await onServer(server.url, `create database ${database}`);
const url = databaseUrl(server.url, database);
Object.assign(process.env, {
  DATABASE_URL: url,
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
  PORT: String(PORT),
  HOST: '127.0.0.1',
  APP_URL: BASE_URL,
  KEYGATE_DATA_DIR: '.data/screenshots',
  CRON_SECRET,
  KEYGATE_SCHEDULER: 'off',
  KEYGATE_EMAIL_INTERVAL_MS: '0',
  NEXT_TELEMETRY_DISABLED: '1',
});
delete process.env.RESEND_API_KEY;

// Imported once the environment is set: the server reads it as it starts.
const { startKeygate } = await import('../server/start');
const { stopOnSignals } = await import('../server/stop-on-signals');
const keygate = await startKeygate({ dev: false });
let browser: Browser | undefined;
let failed = false;
const cleanUp = async () => {
  await browser?.close();
  await keygate.stop();
  await onServer(server.url, `drop database if exists ${database} with (force)`);
  await server.stop();
};
// Interrupted (Ctrl-C), it still stops the server and drops its database.
stopOnSignals(cleanUp);
try {
  // The first admin exists now (startKeygate made it); the demo organization comes after it.
  const seeded = await seedDemo(url, { keys: 300, users: 24 });
  console.log(`Seeded ${seeded.keys} keys, ${seeded.users} people and ${seeded.roles} roles.`);
  // The expiry job once, so keys show their notices (emails go to .data/screenshots/outbox).
  const cron = await fetch(`${BASE_URL}/api/cron/expiry-notifications`, { headers: { authorization: `Bearer ${CRON_SECRET}` } });
  if (!cron.ok) throw new Error(`the expiry job answered ${cron.status}`);
  const subjects = await pickSubjects(url);

  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  const storageState = await signedInState(browser);
  let count = 0;
  for (const viewport of WIDTHS) {
    for (const colorScheme of SCHEMES) {
      for (const [index, shot] of SHOTS.entries()) {
        if (shot.narrowOnly && viewport.width >= 768) continue;
        const context = await browser.newContext({
          baseURL: BASE_URL,
          viewport,
          colorScheme,
          storageState: shot.signedOut ? { cookies: [], origins: [] } : storageState,
        });
        const page = await context.newPage();
        const file = path.join(OUT_DIR, `${String(index + 1).padStart(2, '0')}-${shot.name}.${viewport.width}-${colorScheme}.png`);
        try {
          await shot.go(page, subjects);
          await page.evaluate(() => document.fonts.ready);
          await page.screenshot({ path: file, fullPage: !shot.dialog, animations: 'disabled', caret: 'hide' });
          count++;
        } catch (error) {
          failed = true;
          console.error(`${path.basename(file)}: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
        } finally {
          await context.close();
        }
      }
      console.log(`${viewport.width} px, ${colorScheme}: done`);
    }
  }
  console.log(`${count} screenshots in ${path.relative(process.cwd(), OUT_DIR)}/`);
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await cleanUp();
}
process.exit(failed ? 1 : 0);
