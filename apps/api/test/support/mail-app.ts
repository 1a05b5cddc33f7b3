// The demo app with its mail going to a real SMTP server in this process: what every mail test
// starts before its tests and stops after them.
import { demoTokens } from './pacts.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';
import { createTestApp, type TestApp } from './test-app.js';

export interface MailApp {
  readonly t: TestApp;
  readonly sink: SmtpSink;
  /** Access tokens of the demo accounts asked for, by short name. */
  readonly tokens: Record<string, string>;
}

/** Starts the sink, then the demo app sending to it with `env`, and signs `accounts` in. */
export async function startMailApp(
  env: Record<string, string>,
  accounts: readonly string[],
): Promise<MailApp> {
  const sink = await startSmtpSink();
  const t = await createTestApp({ demo: true, env: { PACTROOM_SMTP_URL: sink.url, ...env } });
  return { t, sink, tokens: await demoTokens(t, [...accounts]) };
}

/** Stops the app, then the sink; either may be missing if the start failed. */
export async function stopMailApp(t?: TestApp, sink?: SmtpSink): Promise<void> {
  await t?.close();
  await sink?.close();
}
