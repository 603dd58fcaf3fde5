import type { Clock } from './clock.js';
import type { ComplaintService } from './complaints/service.js';
import type { Redactor } from './privacy/redactor.js';
import type { PromptLibrary } from './prompts.js';
import type { SettingsService } from './settings/service.js';
import type { Storage } from './storage.js';

/** What commands may use. Built once in src/main.ts and passed to every adapter. */
export interface Services {
  clock: Clock;
  settings: SettingsService;
  complaints: ComplaintService;
  prompts: PromptLibrary;
  redactor: Redactor;
  storage: Storage;
}
