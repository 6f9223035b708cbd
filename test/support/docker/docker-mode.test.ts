import { describe, expect, it } from 'vitest';
import { EnvChoiceError } from '../env-choice.ts';
import { dockerMode } from './docker-mode.ts';

describe('dockerMode', () => {
  it('is auto unless CONVEYOR_DOCKER says otherwise', () => {
    expect(dockerMode({})).toBe('auto');
    expect(dockerMode({ CONVEYOR_DOCKER: '' })).toBe('auto');
    expect(dockerMode({ CONVEYOR_DOCKER: 'existing' })).toBe('existing');
    expect(dockerMode({ CONVEYOR_DOCKER: 'off' })).toBe('off');
  });

  it('names the variable and the values it takes when the value is wrong', () => {
    expect(() => dockerMode({ CONVEYOR_DOCKER: 'yes' })).toThrow(EnvChoiceError);
    expect(() => dockerMode({ CONVEYOR_DOCKER: 'yes' })).toThrow(
      'CONVEYOR_DOCKER must be one of auto, existing, off; got "yes"',
    );
  });
});
