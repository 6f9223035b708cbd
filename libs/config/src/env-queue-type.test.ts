import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, envQueueType, loadConfig } from './index.ts';

const schema = z.object({ QUEUE_TYPE: envQueueType.default('classic') });

describe('envQueueType', () => {
  it('defaults to classic and accepts quorum', () => {
    expect(loadConfig(schema, {}).QUEUE_TYPE).toBe('classic');
    expect(loadConfig(schema, { QUEUE_TYPE: 'quorum' }).QUEUE_TYPE).toBe('quorum');
  });

  it('stops start-up on any other queue type, naming the variable', () => {
    expect(() => loadConfig(schema, { QUEUE_TYPE: 'stream' })).toThrow(ConfigError);
    expect(() => loadConfig(schema, { QUEUE_TYPE: 'stream' })).toThrow(
      'QUEUE_TYPE: must be classic or quorum',
    );
  });
});
