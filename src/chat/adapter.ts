import type { Notifier } from './outbox.js';
import type { Pipeline } from './pipeline.js';

/**
 * The port every chat platform implements (Slack, Discord, the console, a test's own). The core
 * never names a platform: it starts the adapters it is given, hands each the one inbound pipeline,
 * and sends through whichever adapter owns a user or channel id.
 */
export interface Capabilities {
  /** answers only the requester sees, in the place they asked (Slack ephemeral, Discord interaction flags) */
  ephemeral: boolean;
  /** forms open as a dialog (Slack modal, Discord modal); otherwise the adapter asks field by field or not at all */
  modals: boolean;
  /** replies can sit in a thread under a message */
  threads: boolean;
}

export interface ChatAdapter extends Notifier {
  /** the platform's name, also the middle of dedupe keys (`event:<name>:<id>`): never change it for a platform */
  readonly name: string;
  readonly capabilities: Capabilities;
  /**
   * Whether a user or channel id is this platform's. The Outbox routes direct messages and
   * background posts by it; the first adapter that claims an id gets it.
   */
  owns(id: string): boolean;
  /** connects and starts feeding neutral events into the pipeline */
  start(pipeline: Pipeline): Promise<void>;
  stop(): Promise<void>;
  /** one line for the start-up banner, e.g. "Slack over HTTP on port 3000 (/slack/events)" */
  describe(): string;
  /** the HTTP port on which the adapter also serves Tact's own routes (/healthz, intake), if it does */
  readonly routesPort?: number | undefined;
  /** the console: runs in the foreground until the person quits */
  foreground?(): Promise<void>;
}
