/** Child-process entry of the bench's fake Slack (see fake-slack.ts); exits when told or when the bench goes. */
import { startFakeSlack, type FakeSlackMessage, type FakeSlackRequest } from './fake-slack.js';

const fake = await startFakeSlack();
const send = (message: FakeSlackMessage) => process.send?.(message);

process.on('message', (request: FakeSlackRequest) => {
  void (async () => {
    switch (request.kind) {
      case 'wait':
        return send({
          kind: 'reply',
          id: request.id,
          value: await fake.waitForResponses(request.app, request.count, request.timeoutMs),
        });
      case 'stats':
        return send({ kind: 'reply', id: request.id, value: await fake.stats() });
      case 'close':
        await fake.close();
        process.exit(0);
    }
  })();
});
// The bench died or disconnected: do not linger.
process.on('disconnect', () => void fake.close().finally(() => process.exit(0)));
send({ kind: 'ready', port: fake.port });
