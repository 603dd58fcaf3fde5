import { shownId } from '../../chat/ids.js';
import type { FormField } from '../../chat/form.js';
import type { Reply, Section } from '../../chat/reply.js';

/** Replies as plain terminal text. Mentions become @id; nothing here can notify anyone. */
const AUDIENCE: Record<Reply['visibility'], (r: Reply) => string> = {
  private: () => 'only you',
  channel: () => 'to the channel',
  thread: () => 'in the thread',
  dm: (r) => `direct message to @${r.to === undefined ? '?' : shownId(r.to)}`,
};

/** Code marks (`set <name> <value>`) are for chat apps that draw them; a terminal shows the words. */
function plain(text: string): string {
  return text.replace(/`([^`\n]+)`/g, '$1');
}

function renderSection(section: Section): string[] {
  switch (section.kind) {
    case 'heading':
      return [`== ${section.text} ==`];
    case 'text':
      return [plain(section.text)];
    case 'preformatted':
      return ['', ...section.text.split('\n').map((line) => `  ${line}`), ''];
    case 'fields':
      return [section.fields.map((f) => `${f.label}: ${f.user ? `@${shownId(f.value)}` : f.value}`).join(' | ')];
    case 'list':
      return [
        ...(section.title ? [`${section.title}:`] : []),
        ...(section.items.length ? section.items : ['(none)']).map((item) => `  - ${plain(item)}`),
      ];
  }
}

export function renderReply(reply: Reply): string {
  const lines = [`[${AUDIENCE[reply.visibility](reply)}]`, ...reply.sections.flatMap(renderSection)];
  if (reply.actions?.length) lines.push(`Actions: ${reply.actions.map((a) => a.label).join(', ')}`);
  return lines.join('\n');
}

export function fieldPrompt(field: FormField): string {
  const choices = field.choices?.map((c, i) => `${i + 1}) ${c.label}`).join('  ');
  const optional = field.optional ? ' (optional: skip or Enter)' : '';
  return `${field.label}${optional}${choices ? `\n  ${choices}` : ''}\n> `;
}
