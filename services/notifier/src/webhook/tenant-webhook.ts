// A tenant's webhook endpoint, from `tenant_settings` ({_id: tenantId, webhookUrl, webhookSecret}).
// No document or no URL means the tenant wants no webhooks.
import { PermanentError } from '@conveyor/contracts';
import type { Db } from 'mongodb';
import { z } from 'zod';
import { notifierCollections } from '../collections.ts';
import { NotifierErrorCode } from '../notifier-error-codes.ts';

export const tenantSettingsDocument = z.object({
  _id: z.string(),
  webhookUrl: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).nullish(),
  webhookSecret: z.string().min(1).nullish(),
});

export type TenantSettingsDocument = z.infer<typeof tenantSettingsDocument>;

export interface WebhookEndpoint {
  url: string;
  secret: string;
}

export type FindTenantWebhook = (tenantId: string) => Promise<WebhookEndpoint | undefined>;

export function tenantWebhooks(db: Db): FindTenantWebhook {
  const settings = db.collection<TenantSettingsDocument>(notifierCollections.tenantSettings);
  return async (tenantId) => {
    const found = await settings.findOne({ _id: tenantId });
    if (found === null) return undefined;
    const parsed = tenantSettingsDocument.safeParse(found);
    if (!parsed.success) throw invalid(tenantId, z.prettifyError(parsed.error));
    const { webhookUrl, webhookSecret } = parsed.data;
    if (webhookUrl === undefined || webhookUrl === null) return undefined;
    // An unsigned webhook could be forged by anyone who learns the URL: none is sent.
    if (webhookSecret === undefined || webhookSecret === null)
      throw invalid(tenantId, 'webhookUrl is set without a webhookSecret');
    return { url: webhookUrl, secret: webhookSecret };
  };
}

function invalid(tenantId: string, why: string): PermanentError {
  return new PermanentError(
    NotifierErrorCode.tenantSettingsInvalid,
    `webhook settings of tenant ${tenantId}: ${why}`,
  );
}
