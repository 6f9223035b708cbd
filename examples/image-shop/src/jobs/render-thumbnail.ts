// CPU-bound: resampling an image keeps a core busy for as long as it takes. `thread` runs the handler
// in the worker's thread pool, so the worker's event loop (its broker and database leases, /healthz)
// stays responsive meanwhile. The thread imports this module (import.meta.url) to find the handler.
import { defineJob } from '@conveyor/sdk';
import { z } from 'zod';

export const renderThumbnail = defineJob({
  type: 'thumbnail.render',
  thread: import.meta.url,
  schema: z.object({
    imageId: z.string().min(1),
    size: z.number().int().min(8).max(4096).default(256),
  }),
  handler({ imageId, size }) {
    // Stands in for decoding and resampling: every pixel of a size × size image through some arithmetic.
    let checksum = 0;
    for (let y = 0; y < size; y += 1)
      for (let x = 0; x < size; x += 1) {
        const pixel = (Math.imul(x + 1, 2654435761) ^ Math.imul(y + 1, 40503) ^ imageId.length) & 0xff;
        checksum = (Math.imul(checksum, 31) + pixel) >>> 0;
      }
    return { imageId, size, checksum };
  },
});
