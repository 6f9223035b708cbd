// The local-development API key (GATEWAY_DEV_API_KEY): stored, hashed, at start-up so that `npm start`
// and docker compose work without a `conveyor keys create` first. Never set it in production: the key
// is in plain text in the environment of whoever starts the stack.
import { parseApiKey, type ApiKeyStore } from '@conveyor/api-keys';
import type { Logger } from 'pino';

export interface DevApiKey {
  key: string;
  tenantId: string;
}

export async function provisionDevApiKey(
  apiKeys: ApiKeyStore,
  devKey: DevApiKey,
  logger: Logger,
): Promise<void> {
  const keyId = parseApiKey(devKey.key)?.id;
  const outcome = await apiKeys.provision(devKey.key, {
    tenantId: devKey.tenantId,
    label: 'local development key (GATEWAY_DEV_API_KEY)',
  });
  if (outcome === 'revoked') {
    logger.warn({ keyId }, 'GATEWAY_DEV_API_KEY was revoked: requests with it are refused');
    return;
  }
  logger.warn(
    { keyId, tenantId: devKey.tenantId },
    'local development API key enabled (GATEWAY_DEV_API_KEY); do not set it in production',
  );
}
