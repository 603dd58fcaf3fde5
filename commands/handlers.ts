import type { Handlers } from '../src/chat/inbound.js';
import { commands } from './index.js';
import { onChannelMessage, onMention, onReaction } from './messages.js';
import { draftForMessage } from './reviews/review.js';
import { todayView } from './clinic/today.js';

/** Everything the chat pipeline runs, handed to it by main.ts (the core imports no command). */
export const chatHandlers: Handlers = {
  commands,
  onChannelMessage,
  onReaction,
  onMention,
  draftForMessage,
  home: todayView,
};
