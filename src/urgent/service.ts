import { ChangeFeed } from '../changes.js';
import type { Clock } from '../clock.js';
import { SharedLock } from '../lock.js';
import { NumberIndex, put, readRecord, readRecords, type Collection, type Storage } from '../storage.js';
import { PAGE_SOURCES, Page, idOf, type PageRequest, type PageRound, type PageSource } from './model.js';

export type AckResult =
  | { ok: true; page: Page }
  | { ok: false; problem: 'not-found' | 'already-acknowledged' | 'not-in-chain'; page?: Page };

export interface PageDeps {
  storage: Storage;
  clock: Clock;
  /** everyone who may acknowledge besides those already paged: the chain as it stands (on call, backup, managers) */
  chain: () => readonly string[];
  /** writes a line in the paged record's own history (complaint or inquiry) */
  history: (source: PageSource, what: string, by: string) => Promise<void>;
}

const openIndexName = (kind: PageSource['kind']) => `page-index:open:${kind}`;

/**
 * Urgent pages, one per record: raised once, a round recorded for each set of pages sent,
 * acknowledged once. Open pages are found through one index per record kind, so start-up and the
 * list cost what is paging, never history. Every step is also written in the record's own history.
 */
export class PageService {
  private readonly records: Collection;
  private readonly lock: SharedLock;
  private readonly openIndexes: Record<PageSource['kind'], NumberIndex>;
  /** every page raised or changed, after it is written (the next round is planned from it) */
  readonly changes = new ChangeFeed<Page>();

  constructor(private readonly deps: PageDeps) {
    this.records = deps.storage.collection('urgent-pages');
    this.lock = new SharedLock(deps.storage);
    this.openIndexes = {
      complaint: new NumberIndex(deps.storage, openIndexName('complaint')),
      inquiry: new NumberIndex(deps.storage, openIndexName('inquiry')),
    };
  }

  get(id: string): Promise<Page | undefined> {
    return readRecord(this.records, id, Page);
  }

  /** Pages still paging, oldest first. */
  async open(): Promise<Page[]> {
    const pages: Page[] = [];
    for (const kind of PAGE_SOURCES) {
      const numbers = await this.openIndexes[kind].list();
      pages.push(
        ...(await readRecords(
          this.records,
          numbers.map((n) => idOf({ kind, number: n })),
          Page,
        )),
      );
    }
    return pages.sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
  }

  /** Creates the record's page unless it has one (a repeat, a restart): paging starts at once. */
  async raise(request: PageRequest): Promise<Page> {
    const raised = await this.lock.run(`page:${request.id}`, async () => {
      const existing = await this.get(request.id);
      if (existing) return { page: existing, created: false };
      const page: Page = {
        ...request,
        reasons: [...request.reasons],
        raisedAt: this.deps.clock.now().toISOString(),
        raisedBy: request.raisedBy,
        status: 'paging',
        rounds: [],
      };
      await this.deps.storage.write([
        put(this.records, page.id, page),
        this.openIndexes[page.source.kind].adding(page.source.number),
      ]);
      return { page, created: true };
    });
    if (raised.created) {
      await this.deps.history(request.source, `urgent: ${request.reasons.join(', ')}; paging`, 'tact');
      await this.changes.emit(raised.page);
    }
    return raised.page;
  }

  /** One round of pages went out (or found nobody to page). */
  async recordRound(id: string, round: number, sent: Omit<PageRound, 'at'>): Promise<void> {
    const what =
      sent.level === undefined
        ? 'urgent page: nobody to page (no one on call, no backup, no managers set)'
        : `urgent page ${round + 1} to ${sent.level}: ${sent.people.join(', ')}`;
    await this.change(id, 'paging', what, (page) =>
      page.rounds.length === round
        ? { ...page, rounds: [...page.rounds, { ...sent, at: this.deps.clock.now().toISOString() }] }
        : undefined,
    );
  }

  /** Nobody acknowledged in time: paging stops (the managers are told by the job). */
  async giveUp(id: string): Promise<Page | undefined> {
    return this.change(id, 'unanswered', 'urgent page not acknowledged; paging stopped', (page) =>
      page.status === 'paging' ? { ...page, status: 'unanswered' } : undefined,
    );
  }

  /**
   * Someone paged, anyone in the chain now, or a manager says they have it: paging stops.
   * A page already given up can still be acknowledged, so the record shows who took it.
   */
  async acknowledge(id: string, actor: string, as: { manager: boolean }): Promise<AckResult> {
    const current = await this.get(id);
    if (!current) return { ok: false, problem: 'not-found' };
    const paged = current.rounds.flatMap((r) => r.people);
    if (!as.manager && !paged.includes(actor) && !this.deps.chain().includes(actor))
      return { ok: false, problem: 'not-in-chain', page: current };
    let already: Page | undefined;
    const page = await this.change(
      id,
      'acknowledged',
      'urgent page acknowledged',
      (latest) => {
        if (latest.status === 'acknowledged') {
          already = latest;
          return undefined;
        }
        const at = this.deps.clock.now().toISOString();
        return { ...latest, status: 'acknowledged', ackedBy: actor, ackedAt: at };
      },
      actor,
    );
    if (page) return { ok: true, page };
    return { ok: false, problem: 'already-acknowledged', ...(already ? { page: already } : {}) };
  }

  /**
   * Applies `next` under the page's lock; undefined from it means nothing to do. Leaving `paging`
   * takes the page out of the open index in the same write.
   */
  private async change(
    id: string,
    status: Page['status'],
    what: string,
    next: (page: Page) => Page | undefined,
    by = 'tact',
  ): Promise<Page | undefined> {
    const changed = await this.lock.run(`page:${id}`, async () => {
      const current = await this.get(id);
      const updated = current && next(current);
      if (!current || !updated) return undefined;
      const closing = current.status === 'paging' && status !== 'paging';
      await this.deps.storage.write([
        put(this.records, id, updated),
        ...(closing ? [this.openIndexes[updated.source.kind].removing(updated.source.number)] : []),
      ]);
      return updated;
    });
    if (!changed) return undefined;
    await this.deps.history(changed.source, what, by);
    await this.changes.emit(changed);
    return changed;
  }
}
