/**
 * A domain event feed: a service announces that one of its records was created or changed, and
 * whoever derives work from records (the timed-work wiring in src/jobs) listens. The service awaits
 * its listeners, so when a command answers "logged" the reminders for it are planned too; a listener
 * must handle its own failures (a start-up reconciliation repairs what a crash left unplanned).
 */
export class ChangeFeed<T> {
  private readonly listeners: Array<(record: T) => Promise<void>> = [];

  on(listener: (record: T) => Promise<void>): void {
    this.listeners.push(listener);
  }

  async emit(record: T): Promise<void> {
    for (const listener of this.listeners) await listener(record);
  }
}
