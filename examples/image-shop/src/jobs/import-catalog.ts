// A batch: importing a catalogue renders one thumbnail per image, each its own job (retried, cancelled
// and shown on its own). The import waits for all of them, then `catalog.imported` runs once with the
// counts: the place to e-mail the shop owner or publish the catalogue.
import { defineJob } from '@conveyor/sdk';
import { z } from 'zod';
import { renderThumbnail } from './render-thumbnail.ts';

export const catalogImported = defineJob({
  type: 'catalog.imported',
  schema: z.object({
    shop: z.string(),
    // Added by Conveyor to the `then` job of a fan-out.
    parentJobId: z.string(),
    children: z.object({ total: z.number(), completed: z.number(), failed: z.number() }),
  }),
  handler({ shop, parentJobId, children }, ctx) {
    ctx.logger.info({ shop, parentJobId, children }, 'catalogue imported');
    return { shop, thumbnails: children.completed, missing: children.failed };
  },
});

export const importCatalog = defineJob({
  type: 'catalog.import',
  schema: z.object({ shop: z.string().min(1), imageIds: z.array(z.string().min(1)).min(1).max(1000) }),
  handler({ shop, imageIds }, ctx) {
    return ctx.fanOut(
      imageIds.map((imageId) => ({ type: renderThumbnail.type, data: { imageId, size: 64 } })),
      { then: { type: catalogImported.type, data: { shop } } },
    );
  },
});
