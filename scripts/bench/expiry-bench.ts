// The expiry job at 100,000 keys: a run with nothing due vs one with 1,000 due, in the same database.
import postgres from 'postgres';
import { startFakeResend } from '../../tests/support/fake-resend';

const DUE = Number(process.env.BENCH_DUE ?? 1_000);
const AUTHORS = 100;
const REPEATS = 5;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

/**
 * Expects a database of keys seeded with raw rows (no notice state yet): settles every key as
 * creation would (next check at its 30-day window), then measures the job's phases.
 */
export async function benchExpiryNotifications(url: string): Promise<void> {
  process.env.DATABASE_URL = url;
  process.env.KEYGATE_EMAIL_INTERVAL_MS = '0';
  // Imported after DATABASE_URL is set: the job uses the app's own pool.
  const { planDueNotices } = await import('@/lib/notifications/plan-notices');
  const { composeEmails } = await import('@/lib/notifications/compose-emails');
  const { sendDueEmails } = await import('@/lib/notifications/send-emails');
  const { runExpiryNotifications } = await import('@/lib/notifications/run-expiry-notifications');
  const { resendMailer } = await import('@/lib/notifications/resend-mailer');
  const { closeDb } = await import('@/db/client');
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const resend = await startFakeResend();
  process.env.RESEND_BASE_URL = resend.url;
  const mailer = resendMailer('re_bench');
  try {
    const keys = (await sql<{ n: number }[]>`select count(*)::int as n from api_access`)[0]!.n;
    await sql`update api_access set valid_from = now() - interval '1 day', notice_check_at = expires_at - interval '30 days'`;
    const authors = await sql<{ id: string }[]>`
      insert into users (email, name, password_hash)
      select 'author-' || i || '@bench.example', 'Author ' || i, 'x' from generate_series(1, ${AUTHORS}) as i returning id`;
    await sql`vacuum analyze api_access`;

    const now = () => new Date();
    const idle: number[] = [];
    for (let i = 0; i < REPEATS; i++) idle.push((await timed(() => runExpiryNotifications({ now: now(), mailer })))[1]);

    const makeDue = async () => {
      await sql`delete from notification_emails`;
      await sql`delete from expiry_notices`;
      await sql`
        with due as (select id, row_number() over (order by id) as i from api_access order by id limit ${DUE})
        update api_access a set
          expires_at = now() + interval '20 days' + (due.i || ' minutes')::interval,
          valid_from = now() - interval '100 days',
          notice_check_at = now() - interval '1 minute',
          author_user_id = (${sql.array(authors.map((author) => author.id))}::uuid[])[1 + due.i % ${AUTHORS}]
        from due where a.id = due.id`;
    };
    const phases = { plan: [] as number[], compose: [] as number[], send: [] as number[] };
    let emails = 0;
    for (let i = 0; i < 3; i++) {
      await makeDue();
      const at = now();
      const [planned, planMs] = await timed(() => planDueNotices(at));
      const [, composeMs] = await timed(() => composeEmails(at));
      const [sent, sendMs] = await timed(() => sendDueEmails({ now: at, mailer }));
      if (planned !== DUE || sent.sent !== DUE)
        throw new Error(`expected ${DUE} notices planned and sent, got ${planned} and ${sent.sent}`);
      phases.plan.push(planMs);
      phases.compose.push(composeMs);
      phases.send.push(sendMs);
      emails = resend.delivered().length;
      resend.reset();
    }
    const plan = await sql<{ 'QUERY PLAN': string }[]>`
      explain (analyze, costs off, timing off, summary off)
      select id, expires_at, valid_from from api_access where notice_check_at <= now()
      order by notice_check_at limit 500 for update skip locked`;
    const planText = plan.map((row) => row['QUERY PLAN']).join('\n');

    console.log(
      `\nExpiry notifications, ${keys.toLocaleString('en')} keys (median of ${REPEATS} runs with nothing due, of 3 with ${DUE.toLocaleString('en')} due):\n`,
    );
    console.log('| run | time |');
    console.log('|---|---:|');
    console.log(`| nothing due (plan + compose + send, whole run) | ${ms(median(idle))} |`);
    console.log(`| ${DUE.toLocaleString('en')} due: planning (notices into the outbox) | ${ms(median(phases.plan))} |`);
    console.log(
      `| ${DUE.toLocaleString('en')} due: composing ${emails} emails (${AUTHORS} recipients, rendered once) | ${ms(median(phases.compose))} |`,
    );
    console.log(
      `| ${DUE.toLocaleString('en')} due: sending ${emails} emails to a local Resend stand-in, pacing off | ${ms(median(phases.send))} |`,
    );
    console.log(
      `\nnothing-due run: ${ms(median(idle))} (target < 50 ms); ${DUE.toLocaleString('en')}-due planning: ${ms(median(phases.plan))} (target < 1 s); with pacing at Resend's 2/s, ${emails} emails take ${(emails * 0.55).toFixed(0)} s`,
    );
    console.log(
      `planner's query plan (${/Seq Scan on api_access/.test(planText) ? 'SEQUENTIAL SCAN of api_access' : 'no sequential scan of api_access'}):\n${planText.replace(/^/gm, '    ')}`,
    );
  } finally {
    await resend.close();
    await sql.end();
    await closeDb();
  }
}

// Run directly (bench.ts does so with BENCH_NODE, to time the job on that Node): on the bench's database.
if (process.argv[1]?.endsWith('expiry-bench.ts')) {
  benchExpiryNotifications(process.env.BENCH_EXPIRY_DATABASE_URL!).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
